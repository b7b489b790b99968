/// The options of a `<select>` for an enumeration, with the current value marked.
enum SelectOptions {
    static func of<T: RawRepresentable>(_ all: [T], selected: String?, label: (T) -> String) -> [[String: Any]] where T.RawValue == String {
        all.map { ["value": $0.rawValue, "label": label($0), "selected": $0.rawValue == selected] }
    }
}
