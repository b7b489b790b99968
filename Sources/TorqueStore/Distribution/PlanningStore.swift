import SQLKit
import TorqueDomain

/// The distribution plan (DIST-5) and the production-rate advice (PROD-3), computed on demand
/// from kept counts: monthly sales per dealer and model, stock counts, open order lines and the
/// plants' recent production. A handful of queries whatever the network's size.
public struct PlanningStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// One dealer × model of the plan.
    public struct Row: Codable, Sendable, Equatable {
        public var orgUnitId: Int
        public var unitName: String
        public var modelId: Int
        public var modelTitle: String
        public var lastYear: [Int]
        public var forecast: Double
        public var stock: Int
        public var coming: Int
        public var toSend: Int
    }

    public struct DistributionPlan: Codable, Sendable, Equatable {
        public var month: String
        public var historyFrom: String
        public var historyTo: String
        public var method: String
        public var accuracy: DemandForecast.Accuracy?
        public var rows: [Row]
    }

    public static let method = """
        Seasonal index per calendar month from the network's last 12 months (that month's sales over the average month); \
        each dealer × model's level is its last three months divided by their indexes; the forecast is level × the target month's index. \
        To send = the forecast less the dealer's stock (on the lot, reserved, on the way) and its cars still on order. \
        Accuracy: each of the last 3 months forecast from the 12 before it only, WAPE = Σ|forecast − actual| ÷ Σ actual, beside the naive "like last month".
        """

    struct History { var months: [String]; var series: [String: [Int]]; var names: [Int: String]; var models: [Int: String] }

    /// The last `count` complete months before `month`, per dealer × model ("unit/model" keys).
    func history(before month: String, count: Int, scope: Scope) async throws -> History {
        let months = (1...count).reversed().map { SalesMonth.adding(-$0, to: month) }
        var series: [String: [Int]] = [:]
        let position = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        let rows = try await db.sql.raw("""
            SELECT s.org_unit_id, s.model_id, s.month, s.units FROM model_sales_months s JOIN org_units u ON u.id = s.org_unit_id
            WHERE s.month >= \(bind: months.first!) AND s.month <= \(bind: months.last!) AND u.kind = 'dealer' AND \(scope.condition("s.org_unit_id"))
            """).all()
        for r in rows {
            let key = "\(try r.decode(column: "org_unit_id", as: Int.self))/\(try r.decode(column: "model_id", as: Int.self))"
            guard let i = position[try r.decode(column: "month", as: String.self)] else { continue }
            series[key, default: [Int](repeating: 0, count: count)][i] += try r.decode(column: "units", as: Int.self)
        }
        var names: [Int: String] = [:], models: [Int: String] = [:]
        for r in try await db.sql.raw("SELECT id, name FROM org_units WHERE kind = 'dealer' AND \(scope.condition("id"))").all() {
            names[try r.decode(column: "id", as: Int.self)] = try r.decode(column: "name", as: String.self)
        }
        for r in try await db.sql.raw("SELECT id, make, name, model_year FROM catalog_models").all() {
            models[try r.decode(column: "id", as: Int.self)] = "\(try r.decode(column: "make", as: String.self)) \(try r.decode(column: "name", as: String.self)) \(try r.decode(column: "model_year", as: Int.self))"
        }
        return History(months: months, series: series, names: names, models: models)
    }

    /// Stock per holder and model (on the lot, reserved, on the way), from the kept counts.
    func stock(scope: Scope) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for r in try await db.sql.raw("""
            SELECT org_unit_id, model_id, CAST(SUM(units) AS BIGINT) AS n FROM stock_counts WHERE status IN ('in_stock', 'reserved', 'in_transit') AND \(scope.condition("org_unit_id"))
            GROUP BY org_unit_id, model_id
            """).all() {
            out["\(try r.decode(column: "org_unit_id", as: Int.self))/\(try r.decode(column: "model_id", as: Int.self))"] = try r.decode(column: "n", as: Int?.self) ?? 0
        }
        return out
    }

    /// What to send each dealer of the scope next month, model by model, with the method's accuracy.
    public func distributionPlan(scope: Scope, today: String = Clock.today()) async throws -> DistributionPlan {
        let thisMonth = String(today.prefix(7)), target = SalesMonth.adding(1, to: thisMonth)
        // 15 complete months: 12 to plan from, 3 more to measure on.
        let h = try await history(before: thisMonth, count: 15, scope: scope)
        let recent = h.series.mapValues { Array($0.suffix(12)) }
        let forecast = DemandForecast.plan(history: recent, months: Array(h.months.suffix(12)), target: Int(target.suffix(2)))
        let accuracy = DemandForecast.backtest(history: h.series, months: h.months, holdout: 3)
        let stock = try await stock(scope: scope)
        var coming: [String: Int] = [:]
        for r in try await db.sql.raw("""
            SELECT l.org_unit_id, o.model_id, COUNT(*) AS n FROM vehicle_order_lines l JOIN vehicle_orders o ON o.id = l.order_id
            WHERE l.status IN ('pending', 'allocated', 'factory') AND \(scope.condition("l.org_unit_id")) GROUP BY l.org_unit_id, o.model_id
            """).all() {
            coming["\(try r.decode(column: "org_unit_id", as: Int.self))/\(try r.decode(column: "model_id", as: Int.self))"] = try r.decode(column: "n", as: Int.self)
        }
        let rows: [Row] = recent.compactMap { key, series in
            let parts = key.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, let name = h.names[parts[0]] else { return nil }
            // the forecast as shown (one decimal) is the one the sum is made with
            let f = ((forecast[key] ?? 0) * 10).rounded() / 10
            return Row(orgUnitId: parts[0], unitName: name, modelId: parts[1], modelTitle: h.models[parts[1]] ?? "model \(parts[1])", lastYear: series, forecast: f,
                       stock: stock[key] ?? 0, coming: coming[key] ?? 0, toSend: DemandForecast.toSend(forecast: f, stock: stock[key] ?? 0, coming: coming[key] ?? 0))
        }.sorted { ($0.unitName, $0.modelTitle) < ($1.unitName, $1.modelTitle) }
        return DistributionPlan(month: target, historyFrom: h.months[3], historyTo: h.months.last!, method: Self.method, accuracy: accuracy, rows: rows)
    }

    /// One model's production advice.
    public struct ModelAdvice: Codable, Sendable, Equatable {
        public var modelId: Int
        public var modelTitle: String
        public var currentPerDay: Int?
        public var advice: ProductionAdvice
    }

    /// The production-rate advice per model for next month (PROD-3): the network's forecast,
    /// its stock at dealers and hubs, and the plants' rate over the last 30 days.
    public func productionPlan(today: String = Clock.today()) async throws -> (month: String, models: [ModelAdvice]) {
        let plan = try await distributionPlan(scope: .everything, today: today)
        var forecast: [Int: Double] = [:]
        for r in plan.rows { forecast[r.modelId, default: 0] += r.forecast }
        var networkStock: [Int: Int] = [:]
        for (key, n) in try await stock(scope: .everything) { if let m = Int(key.split(separator: "/").last ?? "") { networkStock[m, default: 0] += n } }
        var rate: [Int: Int] = [:]
        for r in try await db.sql.raw("""
            SELECT model_id, CAST(SUM(units) AS BIGINT) AS n, COUNT(DISTINCT day) AS days FROM production_days WHERE day >= \(bind: CalendarDay.adding(-30, to: today)) GROUP BY model_id
            """).all() {
            let days = try r.decode(column: "days", as: Int.self)
            if days > 0 { rate[try r.decode(column: "model_id", as: Int.self)] = Int((Double(try r.decode(column: "n", as: Int?.self) ?? 0) / Double(days)).rounded()) }
        }
        let titles = Dictionary(plan.rows.map { ($0.modelId, $0.modelTitle) }, uniquingKeysWith: { a, _ in a })
        let models = Set(forecast.keys).union(rate.keys).sorted()
        return (plan.month, models.map { m in
            ModelAdvice(modelId: m, modelTitle: titles[m] ?? "model \(m)", currentPerDay: rate[m], advice: ProductionAdvice.advise(forecast: forecast[m] ?? 0, stock: networkStock[m] ?? 0, current: rate[m]))
        })
    }
}
