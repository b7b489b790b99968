/// The workshop's Gantt (SVC-6): one row per technician or bay, bookings as bars on the
/// workshop's clock, days away shaded; drawn on the server as SVG (printable, fits a phone by
/// its viewBox). Written by hand for the same reason as SVGChart.
import TorqueDomain

enum GanttChart {
    struct Bar {
        var row: Int; var start: Int; var end: Int; var label: String; var href: String
        /// Set when the caller may drag the booking to another time or row.
        var booking: Int? = nil
    }

    /// What the drag script needs to turn a drop point back into a time and a row.
    struct Drag { var rowIDs: [Int]; var rowField: String; var fromDay: String }

    /// `from` and `to` are workshop minutes; the hours shown each day are `dayStart`–`dayEnd`.
    static func svg(rows: [String], away: [Int: Set<Int>], bars: [Bar], from: Int, days: Int, dayStart: Int = 7 * 60, dayEnd: Int = 19 * 60, title: String, drag: Drag? = nil) -> String {
        let labelWidth = 130, rowHeight = 30, width = 760, top = 22
        let dayWidth = Double(width - labelWidth) / Double(days)
        let perMinute = dayWidth / Double(dayEnd - dayStart)
        func x(_ minute: Int) -> Double {
            let day = (minute - from) / 1440, inDay = min(max(minute - (from + day * 1440), dayStart), dayEnd)
            return Double(labelWidth) + Double(day) * dayWidth + Double(inDay - dayStart) * perMinute
        }
        let height = top + max(1, rows.count) * rowHeight + 4
        var dragData = ""
        if let drag {
            dragData = #" data-from-day="\#(SVGChart.escape(drag.fromDay))" data-days="\#(days)" data-day-start="\#(dayStart)" data-day-end="\#(dayEnd)" data-label-width="\#(labelWidth)""#
                + #" data-row-height="\#(rowHeight)" data-top="\#(top)" data-width="\#(width)" data-rows="\#(drag.rowIDs.map(String.init).joined(separator: ","))" data-row-field="\#(drag.rowField)""#
        }
        var s = #"<svg class="chart gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" role="img" aria-label="\#(SVGChart.escape(title))"\#(dragData)><title>\#(SVGChart.escape(title))</title>"#
        for d in 0..<days {
            let x0 = Double(labelWidth) + Double(d) * dayWidth
            s += #"<line x1="\#(Int(x0))" x2="\#(Int(x0))" y1="0" y2="\#(height)" class="grid"/>"#
            if days == 1 {
                for h in stride(from: dayStart / 60, through: dayEnd / 60, by: 2) {
                    let hx = Double(labelWidth) + Double(h * 60 - dayStart) * perMinute
                    s += #"<text x="\#(Int(hx))" y="14" class="label" text-anchor="middle">\#(h):00</text>"#
                }
            } else {
                s += #"<text x="\#(Int(x0 + dayWidth / 2))" y="14" class="label" text-anchor="middle">\#(SVGChart.escape(String(WorkshopTime.day(from + d * 1440).suffix(5))))</text>"#
            }
        }
        for (i, name) in rows.enumerated() {
            let y = top + i * rowHeight
            s += #"<text x="\#(labelWidth - 6)" y="\#(y + 19)" text-anchor="end" class="label">\#(SVGChart.escape(String(name.prefix(18))))</text>"#
            for d in away[i] ?? [] {
                s += #"<rect x="\#(Int(Double(labelWidth) + Double(d) * dayWidth))" y="\#(y + 2)" width="\#(Int(dayWidth))" height="\#(rowHeight - 4)" class="away"/>"#
            }
        }
        for b in bars {
            let y = top + b.row * rowHeight
            // A job over several days draws one piece a day.
            var pieceStart = b.start
            while pieceStart < b.end {
                let dayEndMinute = (pieceStart / 1440) * 1440 + 1440
                let pieceEnd = min(b.end, dayEndMinute)
                let x1 = x(pieceStart), x2 = x(pieceEnd)
                if x2 - x1 >= 1 {
                    let movable = b.booking.map { #" data-booking="\#($0)" data-start="\#(WorkshopRules.stamp(b.start))""# } ?? ""
                    s += #"<a href="\#(SVGChart.escape(b.href))"><rect x="\#(Int(x1))" y="\#(y + 4)" width="\#(max(2, Int(x2 - x1)))" height="\#(rowHeight - 8)" class="solid\#(b.booking == nil ? "" : " movable")" rx="3"\#(movable)><title>\#(SVGChart.escape(b.label))</title></rect></a>"#
                    if days == 1 && x2 - x1 > 40 { s += #"<text x="\#(Int(x1) + 4)" y="\#(y + 19)" class="bar-label">\#(SVGChart.escape(String(b.label.prefix(Int((x2 - x1) / 7)))))</text>"# }
                }
                pieceStart = dayEndMinute
            }
        }
        return s + "</svg>"
    }
}
