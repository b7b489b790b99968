/// One thing wrong with one input, phrased for the person who typed it.
public struct FieldProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Everything wrong with a submitted form or JSON body, by field name.
public struct ValidationErrors: Error, Equatable, Sendable {
    public var fields: [String: String] = [:]
    public init(_ fields: [String: String] = [:]) { self.fields = fields }
    public var isEmpty: Bool { fields.isEmpty }
    public mutating func add(_ field: String, _ message: String) {
        if fields[field] == nil { fields[field] = message }
    }
    public func throwIfAny() throws { if !fields.isEmpty { throw self } }
}
