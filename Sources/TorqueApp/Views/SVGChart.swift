/// Server-drawn SVG bar charts (SALES-3 and later KPIs): no script, printable, readable by screen
/// readers through their title and a table beside them. Written by hand: no Swift package draws
/// SVG, and the two shapes needed here are a few lines each.
enum SVGChart {
    /// One bar: a solid part (done), a lighter part stacked on it (expected), and a target mark.
    struct Bar {
        var label: String
        var solid: Int
        var light: Int
        var target: Int?
        /// Shown at the end of the bar ("12.4 of 15").
        var caption: String
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Horizontal bars, one row per line (salespeople, dealers): fits a phone and any count.
    static func horizontal(_ bars: [Bar], title: String, width: Int = 640) -> String {
        let rowHeight = 26, labelWidth = 170, captionWidth = 120
        let plot = width - labelWidth - captionWidth
        let top = max(1, bars.map { max($0.solid + $0.light, $0.target ?? 0) }.max() ?? 1)
        func x(_ v: Int) -> Int { labelWidth + Int((Double(v) / Double(top) * Double(plot)).rounded()) }
        let height = max(1, bars.count) * rowHeight + 8
        var svg = #"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" role="img" aria-label="\#(escape(title))"><title>\#(escape(title))</title>"#
        for (i, b) in bars.enumerated() {
            let y = 4 + i * rowHeight
            svg += #"<text x="\#(labelWidth - 6)" y="\#(y + 16)" text-anchor="end" class="label">\#(escape(String(b.label.prefix(24))))</text>"#
            svg += #"<rect x="\#(labelWidth)" y="\#(y + 4)" width="\#(x(b.solid) - labelWidth)" height="16" class="solid"/>"#
            if b.light > 0 { svg += #"<rect x="\#(x(b.solid))" y="\#(y + 4)" width="\#(x(b.solid + b.light) - x(b.solid))" height="16" class="light"/>"# }
            if let t = b.target { svg += #"<line x1="\#(x(t))" x2="\#(x(t))" y1="\#(y + 1)" y2="\#(y + 23)" class="target"/>"# }
            svg += #"<text x="\#(width - captionWidth + 6)" y="\#(y + 16)" class="value">\#(escape(b.caption))</text>"#
        }
        return svg + "</svg>"
    }

    /// Vertical bars over months, the target of each month as a mark.
    static func columns(_ bars: [Bar], title: String, width: Int = 640, height: Int = 220) -> String {
        let bottom = height - 24, plotTop = 10
        let top = max(1, bars.map { max($0.solid + $0.light, $0.target ?? 0) }.max() ?? 1)
        let slot = Double(width) / Double(max(1, bars.count))
        func y(_ v: Int) -> Int { bottom - Int((Double(v) / Double(top) * Double(bottom - plotTop)).rounded()) }
        var svg = #"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" role="img" aria-label="\#(escape(title))"><title>\#(escape(title))</title>"#
        for (i, b) in bars.enumerated() {
            let x = Int(Double(i) * slot + slot * 0.2), w = Int(slot * 0.6)
            svg += #"<rect x="\#(x)" y="\#(y(b.solid))" width="\#(w)" height="\#(bottom - y(b.solid))" class="solid"/>"#
            if b.light > 0 { svg += #"<rect x="\#(x)" y="\#(y(b.solid + b.light))" width="\#(w)" height="\#(y(b.solid) - y(b.solid + b.light))" class="light"/>"# }
            if let t = b.target { svg += #"<line x1="\#(x - 4)" x2="\#(x + w + 4)" y1="\#(y(t))" y2="\#(y(t))" class="target"/>"# }
            svg += #"<text x="\#(x + w / 2)" y="\#(height - 6)" text-anchor="middle" class="label">\#(escape(b.label))</text>"#
        }
        return svg + "</svg>"
    }

    /// A small line of a year's monthly values, for a table cell.
    static func sparkline(_ values: [Int], width: Int = 96, height: Int = 22) -> String {
        guard values.count > 1 else { return "" }
        let top = max(1, values.max() ?? 1)
        let step = Double(width - 2) / Double(values.count - 1)
        let points = values.enumerated().map { i, v in "\(Int((1 + Double(i) * step).rounded())),\(height - 2 - Int((Double(v) / Double(top) * Double(height - 4)).rounded()))" }
        let label = "monthly sales: " + values.map(String.init).joined(separator: ", ")
        return #"<svg class="spark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)" role="img" aria-label="\#(label)"><polyline points="\#(points.joined(separator: " "))" class="line"/></svg>"#
    }

    /// A rate over time (defects per 100 inspections by week) with the baseline as a dashed line.
    static func trend(_ points: [(label: String, value: Double)], baseline: Double, title: String, width: Int = 640, height: Int = 200) -> String {
        guard !points.isEmpty else { return "" }
        let bottom = height - 24, plotTop = 12
        let top = max(baseline * 1.2, points.map(\.value).max() ?? 0, 0.0001)
        let step = points.count > 1 ? Double(width - 40) / Double(points.count - 1) : 0
        func x(_ i: Int) -> Int { 20 + Int((Double(i) * step).rounded()) }
        func y(_ v: Double) -> Int { bottom - Int((v / top * Double(bottom - plotTop)).rounded()) }
        var svg = #"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" role="img" aria-label="\#(escape(title))"><title>\#(escape(title))</title>"#
        svg += #"<line x1="20" x2="\#(width - 20)" y1="\#(y(baseline))" y2="\#(y(baseline))" class="target" stroke-dasharray="6 4"/>"#
        svg += #"<polyline points="\#(points.indices.map { "\(x($0)),\(y(points[$0].value))" }.joined(separator: " "))" class="line"/>"#
        for (i, p) in points.enumerated() {
            svg += #"<circle cx="\#(x(i))" cy="\#(y(p.value))" r="3" class="solid"><title>\#(escape(p.label)): \#(String(format: "%.2f", p.value))</title></circle>"#
            if points.count <= 16 || i % 2 == 0 { svg += #"<text x="\#(x(i))" y="\#(height - 6)" text-anchor="middle" class="label">\#(escape(p.label))</text>"# }
        }
        return svg + "</svg>"
    }
}
