/// The demo manufacturer network: fixed data, so every demo installation is identical.
public enum DemoNetwork {
    public struct Unit: Sendable {
        public var code: String
        public var parentCode: String?
        public var kind: OrgUnitKind
        public var name: String
        public var address: String
        public var latitude: Double
        public var longitude: Double
        public var timeZone = "Europe/Rome"
        public var workingHours: String
    }

    public struct Login: Sendable {
        public var login: String
        public var name: String
        public var email: String { "\(login)@demo.torque.example" }
        public var role: String
        public var unitCode: String
    }

    public static let password = "torque-demo"

    static let showroomHours = "mon-fri 09:00-19:00; sat 09:00-13:00"
    static let workshopHours = "mon-fri 08:00-18:00"
    static let officeHours = "mon-fri 08:30-17:30"

    /// Dealers: code, name, city, street, latitude, longitude, region code.
    static let dealers: [(String, String, String, String, Double, Double, String)] = [
        ("D-MI1", "Autorama Milano", "20138 Milano MI", "Viale Forlanini 121", 45.4620, 9.2460, "R-N"),
        ("D-MI2", "Brianza Motori", "20900 Monza MB", "Viale delle Industrie 14", 45.5960, 9.2930, "R-N"),
        ("D-TO1", "Mirafiori Auto", "10135 Torino TO", "Corso Unione Sovietica 400", 45.0340, 7.6230, "R-N"),
        ("D-VR1", "Scaligera Car", "37135 Verona VR", "Via dell'Industria 8", 45.4080, 10.9990, "R-N"),
        ("D-RM1", "Capitale Motors", "00156 Roma RM", "Via Tiburtina 1072", 41.9220, 12.5870, "R-C"),
        ("D-RM2", "Ostiense Auto", "00154 Roma RM", "Via Ostiense 131", 41.8650, 12.4790, "R-C"),
        ("D-FI1", "Arno Automobili", "50127 Firenze FI", "Viale Guidoni 93", 43.7960, 11.2190, "R-C"),
        ("D-BO1", "Felsina Motori", "40132 Bologna BO", "Via Emilia Ponente 280", 44.5120, 11.2930, "R-C"),
        ("D-NA1", "Vesuvio Car", "80143 Napoli NA", "Via Galileo Ferraris 200", 40.8540, 14.2880, "R-S"),
        ("D-BA1", "Levante Auto", "70123 Bari BA", "Viale Lovri 20", 41.1030, 16.8360, "R-S"),
        ("D-PA1", "Conca d'Oro Motors", "90145 Palermo PA", "Viale Regione Siciliana 2550", 38.1300, 13.3280, "R-S"),
        ("D-CT1", "Etna Automobili", "95121 Catania CT", "Viale Mario Rapisardi 480", 37.5220, 15.0700, "R-S"),
    ]

    public static let units: [Unit] = {
        var units: [Unit] = [
            Unit(code: "OEM", parentCode: nil, kind: .oem, name: "Torque Motors S.p.A.", address: "Corso Giovanni Agnelli 200, 10135 Torino TO, Italy", latitude: 45.0351, longitude: 7.6412, workingHours: officeHours),
            Unit(code: "PLANT-TO", parentCode: "OEM", kind: .plant, name: "Torino Assembly Plant", address: "Corso Settembrini 40, 10135 Torino TO, Italy", latitude: 45.0270, longitude: 7.6140, workingHours: "mon-sat 06:00-22:00"),
            Unit(code: "R-N", parentCode: "OEM", kind: .region, name: "Region North", address: "Via Gattamelata 34, 20149 Milano MI, Italy", latitude: 45.4830, longitude: 9.1520, workingHours: officeHours),
            Unit(code: "R-C", parentCode: "OEM", kind: .region, name: "Region Centre", address: "Via Cristoforo Colombo 112, 00147 Roma RM, Italy", latitude: 41.8600, longitude: 12.4900, workingHours: officeHours),
            Unit(code: "R-S", parentCode: "OEM", kind: .region, name: "Region South", address: "Centro Direzionale Isola G1, 80143 Napoli NA, Italy", latitude: 40.8560, longitude: 14.2840, workingHours: officeHours),
            Unit(code: "DC-N", parentCode: "R-N", kind: .distributionCenter, name: "Distribution Center Piacenza", address: "Strada Dogana Po 2, 29015 Castel San Giovanni PC, Italy", latitude: 45.0600, longitude: 9.4330, workingHours: "mon-fri 06:00-20:00"),
            Unit(code: "DC-S", parentCode: "R-S", kind: .distributionCenter, name: "Distribution Center Nola", address: "Interporto Campano, 80035 Nola NA, Italy", latitude: 40.9210, longitude: 14.5110, workingHours: "mon-fri 06:00-20:00"),
        ]
        for (code, name, city, street, lat, lon, region) in dealers {
            units.append(Unit(code: code, parentCode: region, kind: .dealer, name: name, address: "\(street), \(city), Italy", latitude: lat, longitude: lon, workingHours: showroomHours))
            units.append(Unit(code: "W-" + code.dropFirst(2), parentCode: code, kind: .workshop, name: "\(name) Service", address: "\(street), \(city), Italy", latitude: lat, longitude: lon, workingHours: workshopHours))
        }
        return units
    }()

    /// One login per built-in role; sales1 and sales2 work at two dealers of Region North.
    public static let logins: [Login] = [
        Login(login: "admin", name: "Alessandra Conti", role: "administrator", unitCode: "OEM"),
        Login(login: "exec", name: "Marco Bellini", role: "oem_executive", unitCode: "OEM"),
        Login(login: "marketing1", name: "Giulia Ferri", role: "oem_marketing", unitCode: "OEM"),
        Login(login: "logistics1", name: "Paolo Greco", role: "oem_logistics", unitCode: "OEM"),
        Login(login: "qa1", name: "Elena Marchetti", role: "plant_qa", unitCode: "PLANT-TO"),
        Login(login: "regional1", name: "Roberto Galli", role: "regional_manager", unitCode: "R-N"),
        Login(login: "principal1", name: "Francesca Riva", role: "dealer_principal", unitCode: "D-MI1"),
        Login(login: "manager1", name: "Luca Moretti", role: "sales_manager", unitCode: "D-MI1"),
        Login(login: "sales1", name: "Sara Colombo", role: "salesperson", unitCode: "D-MI1"),
        Login(login: "sales2", name: "Davide Fontana", role: "salesperson", unitCode: "D-MI2"),
        Login(login: "advisor1", name: "Chiara Lombardi", role: "service_advisor", unitCode: "D-MI1"),
        Login(login: "workshop1", name: "Giorgio Sala", role: "workshop_manager", unitCode: "W-MI1"),
        Login(login: "tech1", name: "Andrea Ricci", role: "technician", unitCode: "W-MI1"),
        Login(login: "agent1", name: "Valentina Bruno", role: "contact_center_agent", unitCode: "OEM"),
        Login(login: "claims1", name: "Stefano Barbieri", role: "claims_handler", unitCode: "OEM"),
        Login(login: "finance1", name: "Martina Costa", role: "finance_clerk", unitCode: "D-MI1"),
    ]
}
