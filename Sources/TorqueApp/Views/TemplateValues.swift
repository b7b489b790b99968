import Mustache

/// swift-mustache treats every String as true in a section, even "" (the Mustache spec says
/// false). Page data is passed through `prepare`, which turns empty strings into a value that
/// is false in sections, true in inverted sections, and prints as nothing, so templates can
/// write `{{#plate}}…{{/plate}}` and `{{^phone}}none{{/phone}}` as Mustache intends.
enum TemplateValues {
    struct Empty: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    static func prepare(_ value: Any) -> Any {
        switch value {
        case let s as String: return s.isEmpty ? Empty() : s
        case let d as [String: Any]: return d.mapValues(prepare)
        case let d as [String: String]: return d.mapValues { $0.isEmpty ? Empty() as Any : $0 }
        case let a as [[String: Any]]: return a.map { $0.mapValues(prepare) }
        case let a as [Any]: return a.map(prepare)
        default: return value
        }
    }
}
