extension StringProtocol {
    /// Without leading and trailing whitespace and newlines. Foundation's trimmingCharacters(in:)
    /// bridges through NSString and was the largest single cost of a CSV import.
    public var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
