/// Rules of the materialised path `/1/4/17/` that places a unit in the tree.
public enum OrgPath {
    public static func path(forID id: Int, underParentPath parent: String?) -> String {
        (parent ?? "/") + "\(id)/"
    }

    /// True when `path` is `ancestor` itself or lies below it.
    public static func isWithin(_ path: String, ancestor: String) -> Bool {
        path.hasPrefix(ancestor)
    }

    public static func ids(in path: String) -> [Int] {
        path.split(separator: "/").compactMap { Int($0) }
    }

    public static func depth(of path: String) -> Int { ids(in: path).count - 1 }

    /// Why a unit cannot be moved under `newParent`, or nil when the move is allowed.
    public static func moveProblem(unitPath: String, unitKind: OrgUnitKind, newParentPath: String, newParentKind: OrgUnitKind) -> String? {
        if isWithin(newParentPath, ancestor: unitPath) {
            return "cannot be the unit itself or one of its descendants"
        }
        if !newParentKind.allowedChildren.contains(unitKind) {
            return "a \(newParentKind.label.lowercased()) cannot contain a \(unitKind.label.lowercased())"
        }
        return nil
    }
}
