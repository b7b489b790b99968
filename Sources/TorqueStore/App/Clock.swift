import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// UTC timestamps as stored in the database: ISO 8601, second precision, sortable as text.
/// Written out by hand: creating a date formatter per call cost more than a database insert
/// (seen in profiles of the import and the data generator).
public enum Clock {
    public static func string(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        var out = [UInt8]()
        out.reserveCapacity(20)
        func put(_ n: Int32, _ width: Int) {
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var v = Int(n)
            for i in stride(from: width - 1, through: 0, by: -1) { digits[i] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10 }
            out += digits
        }
        put(parts.tm_year + 1900, 4); out.append(UInt8(ascii: "-")); put(parts.tm_mon + 1, 2); out.append(UInt8(ascii: "-")); put(parts.tm_mday, 2)
        out.append(UInt8(ascii: "T")); put(parts.tm_hour, 2); out.append(UInt8(ascii: ":")); put(parts.tm_min, 2); out.append(UInt8(ascii: ":")); put(parts.tm_sec, 2)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    public static func nowString() -> String { string(Date()) }

    /// Today's ISO day in UTC.
    public static func today() -> String { String(nowString().prefix(10)) }

    /// Reads `2026-11-25T16:00:00Z`; other ISO 8601 forms go through Foundation's parser.
    public static func date(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"),
              b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z") else {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime]
            return f.date(from: text)
        }
        func num(_ from: Int, _ count: Int) -> Int32? {
            var v: Int32 = 0
            for i in from..<(from + count) {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int32(b[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var parts = tm()
        parts.tm_year = y - 1900; parts.tm_mon = mo - 1; parts.tm_mday = d; parts.tm_hour = h; parts.tm_min = mi; parts.tm_sec = s
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
