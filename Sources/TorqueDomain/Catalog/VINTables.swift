// Data copied from the dictionaries of the `vininfo` 1.11.0 package (BSD-3-Clause licence,
// (c) Igor `idle sign` Starikov): a fact table, kept as text so the domain needs no file I/O.

/// World Manufacturer Identifiers, VIN country prefixes and VIN regions.
enum VINTables {
    /// First 3 (or 2) VIN characters → manufacturer.
    static let manufacturers: [String: String] = parse(wmiText)
    /// First 2 VIN characters → country of manufacture.
    static let countries: [String: String] = parse(countryText)
    /// First VIN character → region of the world.
    static let regions: [Character: String] = {
        var out: [Character: String] = [:]
        for (chars, region) in parse(regionText) { for ch in chars { out[ch] = region } }
        return out
    }()

    private static func parse(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let bar = line.firstIndex(of: "|") else { continue }
            out[String(line[..<bar])] = String(line[line.index(after: bar)...])
        }
        return out
    }

    private static let wmiText = """
000|Maserati
04W|Buick
0VF|Ford
112|Volkswagen
115|Mercedes-Benz
117|Volkswagen
119|Replica/Kit Makes
123|Mercedes-Benz
124|Chevrolet
137|AM
178|Jaguar
17V|Ford
19|Acura
19X|Honda
1A4|Chrysler
1A8|Chrysler
1B|Dodge
1C|Chrysler
1C4|Dodge
1C6|Ram
1C8|Chrysler
1CN|Lincoln
1D|Dodge
1F|Ford
1F2|Subaru
1F9|FWD Corp.
1FU|Freightliner
1FV|Freightliner
1G|General Motors
1G1|Chevrolet
1G2|Pontiac
1G3|Oldsmobile
1G4|Buick
1G6|Cadillac
1G8|Saturn
1G9|Google
1GA|Chevrolet
1GB|Chevrolet USA
1GC|Chevrolet
1GD|GMC
1GE|Cadillac
1GG|Isuzu
1GH|Oldsmobile
1GJ|GMC
1GK|GMC
1GM|Pontiac
1GN|Chevrolet USA
1GT|GMC Truck
1GY|Cadillac
1H|Honda
1HD|Harley-Davidson
1J|Jeep
1J4|Jeep
1J8|Jeep
1JN|Nissan (Nissan)
1L|Lincoln
1L1|Lincoln
1L4|Jeep
1LN|Lincoln
1M|Mercury
1M1|Mack Truck
1M2|Mack Truck
1M3|Mack Truck
1M4|Mack Truck
1M9|Mynatt Truck & Equipment
1ME|Mercury
1N|Nissan (Nissan)
1NX|NUMMI
1P3|Plymouth
1P4|Plymouth
1R9|Roadrunner Hay Squeeze
1TK|Scion
1V1|Volkswagen USA (Commercials)
1V2|Volkswagen
1V4|Nissan (Nissan)
1VW|Volkswagen
1XK|Kenworth
1XP|Peterbilt
1Y1|Chevrolet
1YV|Mazda
1Z3|Mitsubishi
1Z7|Mitsubishi
1ZV|Auto Alliance International
1ZW|Mercury
210|Ford
2A4|Chrysler Canada
2A8|Chrysler Canada
2B3|Dodge Canada
2B4|Dodge
2B5|Dodge
2B6|Dodge
2B7|Dodge
2B8|Dodge
2C3|Chrysler
2C4|Chrysler Canada
2C7|Dodge
2C8|Chrysler
2CK|Pontiac
2CN|CAMI
2CT|General Motors
2D3|Dodge
2D4|Dodge Canada
2D6|Dodge
2D7|Dodge
2D8|Dodge Canada
2DG|Ontario Drive & Gear
2F|Ford
2FU|Freightliner
2FV|Freightliner
2FZ|Sterling
2G|General Motors
2G1|Chevrolet
2G2|Pontiac
2G3|Oldsmobile
2G4|Buick
2G6|Cadillac
2G9|Gnome Homes
2GC|Chevrolet Canada
2GE|Cadillac
2GK|GMC
2GN|Chevrolet Canada
2GT|GMC
2H|Honda
2HH|Acura
2HM|Hyundai
2HN|Acura
2L|Lincoln
2L1|Lincoln
2LM|Lincoln
2LN|Lincoln
2M|Mercury
2NV|Nova Bus
2P3|Plymouth
2P4|Plymouth
2S2|Suzuki
2S3|Suzuki Canada
2T|Toyota
2T2|Lexus Canada
2V4|Volkswagen
2V8|Volkswagen
2W|Western Star
309|Chevrolet
3A|Chrysler Mexico
3A4|Chrysler
3A8|Chrysler
3B6|Dodge
3B7|Dodge Mexico
3C|Chrysler
3C3|Fiat
3C4|Dodge Mexico
3C6|Ram
3C7|Ram
3C8|Chrysler
3CZ|Honda Mexico
3D|Dodge
3F|Ford
3G|General Motors
3G0|Saab
3G1|Chevrolet
3G2|Pontiac
3G5|Buick
3G7|Pontiac
3GC|Chevrolet Mexico
3GD|GMC
3GK|GMC
3GN|Chevrolet Mexico
3GS|Saturn
3GT|GMC
3GV|Chevrolet
3GY|Cadillac
3H|Honda
3KP|Kia
3LN|Lincoln
3MD|Mazda
3ME|Mercury Mexico
3MY|Mazda Mexico
3MZ|Mazda Mexico
3N|Nissan (Nissan)
3N6|Chevrolet
3P3|Plymouth Mexico
3TM|Toyota Mexico
3VV|Volkswagen
3VW|Volkswagen
460|Mercedes-Benz
4A|Mitsubishi
4B3|Dodge
4C3|Chrysler
4F|Mazda
4G1|Chevrolet
4GD|Opel (Opel)
4J|Mercedes-Benz
4M|Mercury
4N2|Nissan (Nissan)
4NU|Isuzu
4RK|Nova Bus
4S|Subaru-Isuzu Automotive
4S2|Isuzu
4S3|Subaru
4S4|Subaru
4S6|Honda
4T|Toyota
4US|BMW
4UZ|Frt-Thomas Bus
4V|Volvo
54D|Chevrolet
55|Mercedes-Benz
55S|Mercedes-Benz
58A|Lexus
5BZ|Nissan (Nissan)
5F|Honda
5FR|Acura
5GA|Buick
5GN|Hummer
5GR|Hummer
5GT|Hummer
5GZ|Saturn
5HD|Harley-Davidson
5J6|Honda
5J8|Acura
5KB|Honda
5L|Lincoln
5N1|Nissan (Nissan)
5N3|Nissan (Infiniti)
5NA|Nissan (Nissan)
5NM|Hyundai
5NP|Hyundai
5S3|Saab
5T|Toyota
5U|BMW
5X|Hyundai/Kia
5XX|Kia
5XY|Kia
5Y2|Pontiac
5YF|Toyota
5YJ|Tesla
5YM|BMW
5Z6|Suzuki
601|Replica/Kit Makes
602|Toyota
6AB|MAN
6AL|Windsor Caravans
6F|Ford
6F4|Nissan (Nissan Motor Company)
6F5|Kenworth
6FP|FordAustralia (Ford Australia)
6G|General Motors
6G1|Chevrolet
6G2|Pontiac
6G3|Chevrolet Australia
6H|Holden
6H8|General Motors-Holden
6MM|Mitsubishi
6T1|Toyota
7A3|Honda
7FA|Honda
7SA|Tesla Motors USA
8A1|Renault (Renault)
8AC|Mercedes Benz
8AD|Peugeot
8AF|Ford
8AG|General Motors
8AJ|Toyota
8AK|Suzuki
8AP|Fiat
8AT|Iveco
8AW|Volkswagen
8BC|Citroën
8BR|Mercedes-Benz Argentina
8BT|Mercedes-Benz Argentina
8C3|Honda
8GD|Peugeot
8GG|Chevrolet
92T|Bajaj (Bajaj)
932|Harley-Davidson
935|Citroën
936|Peugeot
93H|Honda
93R|Toyota
93U|Audi
93V|Audi Brazil
93W|Fiat Professional
93X|Souza Ramos - Mitsubishi / Suzuki
93Y|Renault (Renault)
93Z|Iveco
94D|Nissan (Nissan)
953|VW Trucks / MAN
95P|CAOA / Hyundai
95V|Dafra (Dafra)
96P|Kawasaki
97N|Triumph
988|Jeep
98M|BMW
98P|DAF Trucks
98R|Chery
99A|Audi
99J|JLR Jaguar Land Rover
99Z|BMW M
9BD|Fiat Automóveis
9BF|Ford
9BG|General Motors
9BH|Hyundai Motor Company / Hyundai
9BM|Mercedes Benz
9BR|Toyota
9BS|Scania
9BV|Volvo Trucks
9BW|Volkswagen
9C2|Honda Motorcycles
9C6|Yamaha
9CD|Suzuki Motorcycles
9FB|Renault (Renault)
9UJ|Chery
9UK|Lifan
9UW|Kia
AAV|Volkswagen
AFA|Ford
AHT|Toyota
B01|Cadillac
CF1|Renault (Renault)
CL9|Wallyscar
DA4|Jeep
EDB|Mercedes-Benz
FM2|Mercury
FSM|FSM
FV1|Renault (Renault)
FV3|Peugeot
FV7|Citroen
G4G|Buick
G61|Cadillac
GA1|Renault (Renault)
GKA|GMC
JA|Isuzu
JA3|Mitsubishi
JA4|Mitsubishi
JAC|Isuzu
JAE|Acura
JB3|Dodge
JC1|Fiat Automobiles/Mazda
JDA|Daihatsu
JF|Fuji Heavy Industries
JF1|Subaru / Scion
JF2|Subaru
JF4|Saab
JFS|Subaru
JGN|Chevrolet
JH|Honda
JH4|Acura
JHM|Honda
JK|Kawasaki
JM|Mazda
JMB|Mitsubishi
JN|Nissan (Nissan)
JNK|Nissan (Infiniti)
JNR|Nissan (Infiniti)
JNT|Nissan (Infiniti)
JNX|Nissan (Infiniti)
JS|Suzuki
JT|Toyota
JT6|Lexus
JT8|Lexus
JTD|Toyota
JTE|Toyota
JTH|Lexus
JTJ|Lexus
JTK|Scion
JTL|Scion
JTM|Toyota
JTN|Scion
JTS|Toyota
JY|Yamaha
KC4|Dodge
KL|Daewoo/GM Korea
KL1|Chevrolet
KL2|Pontiac
KL4|Buick
KL5|Suzuki
KL7|Chevrolet
KL8|Chevrolet
KLA|Chevrolet
KLM|Lincoln
KM|Hyundai
KMH|Genesis
KN|Kia
KN1|Nissan (Nissan)
KNM|Renault (Renault Samsung)
KP|SsangYong
KRX|BMW
L4C|Buick
L56|Renault (Renault Samsung)
L5Y|Merato Motorcycle Taizhou Zhongneng
L6T|Geely
LBE|Beijing Hyundai
LBV|BMW Brilliance
LC0|BYD Bus
LDC|Dongfeng Peugeot-Citroën
LDY|Zhongtong Coach
LE4|Beijing Benz
LFM|FAW Toyota
LFP|FAW Car
LFV|FAW-Volkswagen
LGB|Dongfeng Nissan
LGH|Dong Feng (DFM), China
LGJ|Dongfeng Fengshen
LGW|Great Wall (Havel)
LGX|BYD Auto
LH1|FAW Haima
LHG|Guangzhou Honda
LJ1|JAC
LJD|Dongfeng Yueda Kia
LKL|Suzhou King Long
LLV|Lifan
LMG|GAC Trumpchi
LPA|Changan PSA (DS Automobiles)
LRB|Buick China
LRW|Tesla China
LS5|Changan Suzuki
LSG|SAIC General Motors
LSJ|SAIC MG
LSV|SAIC Volkswagen
LSY|Brilliance Zhonghua
LTV|FAW Toyota (Tianjin)
LUC|Honda
LVG|GAC Toyota
LVH|Dongfeng Honda
LVR|Changan Mazda
LVS|Changan Ford
LVV|Chery
LVY|Volvo
LWV|GAC Fiat
LYV|Volvo China
LZE|Isuzu Guangzhou
LZG|Shaanxi Automobile Group
LZM|MAN
LZW|SAIC GM Wuling
LZY|Yutong
MA1|Mahindra
MA3|Suzuki
MA7|Honda Siel Cars
MAJ|FordS
MAL|Hyundai
MAT|Tata
MBH|Nissan (Nissan)
MC2|Volvo Eicher commercial vehicles limited.
MD2|Bajaj (Bajaj)
MDH|Nissan (Nissan)
MHR|Honda
ML3|Mitsubishi Thailand
MM0|Mazda
MM8|Mazda
MMB|Mitsubishi
MMC|Mitsubishi
MMM|Chevrolet
MMS|Suzuki
MMT|Mitsubishi
MNB|Ford
MNT|Nissan (Nissan)
MP1|Isuzu
MPA|Isuzu
MR0|Toyota
MRH|Honda
MS0|KIA Myanmar
NLA|Honda
NLE|Mercedes-Benz Turk Truck
NLH|Hyundai
NLJ|Hyundai
NM0|Ford Otosan
NM4|Tofas Turk
NMT|Toyota
PE1|Ford
PE3|Mazda
PL1|Proton
SAD|Jaguar
SAH|Honda
SAJ|Jaguar
SAL|Land Rover
SAR|Rover
SAT|Triumph
SAX|Rover
SB1|Toyota
SBM|Mclaren
SCA|Rolls Royce
SCB|Bentley
SCC|Lotus Cars
SCE|DeLorean
SCF|Aston Martin Lagonda Limited
SDB|Peugeot UK
SED|Opel (Opel)
SEY|LDV
SFA|Ford
SFD|Alexander Dennis
SHH|Honda
SHS|Honda
SJA|Bentley
SJK|Nissan (Infiniti)
SJN|Nissan (Nissan)
SKF|Opel (Opel)
SMT|Triumph
SNE|Jeep
SNT|Honda
STE|Toyota
SU9|Solaris Bus & Coach
SUF|Fiat Auto Poland / FSM
SUL|Daewoo Poland / FSO
SUP|Daewoo Poland / FSO
SUR|Land Rover
TC3|Chrysler
TCC|Micro Compact Car AG (SMART 1998-1999)
TDM|QUANTYA Swiss Electric Movement
TK9|SOR
TM9|Škoda trolleybuses
TMA|Hyundai
TMB|Škoda
TMK|Karosa
TMP|Škoda trolleybuses
TMT|Tatra
TN9|Karosa
TNB|Skoda
TRA|Ikarus Bus
TRU|Audi
TSE|Ikarus Egyedi Autobuszgyar
TSM|Suzuki
TYB|Mitsubishi
U5Y|Kia
U6Y|Kia
USY|Kia
UU|Dacia
UU1|Renault (Renault Dacia)
V0L|Opel (Opel)
VA0|ÖAF
VBK|KTM
VF0|Ford
VF1|Renault (Renault)
VF2|Renault (Renault)
VF3|Peugeot
VF4|Talbot
VF5|Iveco Unic SA
VF6|Renault Trucks/Volvo
VF7|Citroën
VF8|Matra/Talbot/Simca
VF9|Bugatti
VFB|Renault (Renault)
VFE|IvecoBus
VFF|Peugeot
VFG|Citroen
VFJ|Renault (Renault)
VFZ|Citroen
VH8|Microcar
VLG|Aixam
VLU|Scania
VN1|Opel (Opel)
VNE|Irisbus
VNK|Toyota
VNV|Renault (Renault)
VR7|Citroën
VS1|Iveco
VS3|Peugeot
VS5|Renault (Renault)
VS6|Ford
VS7|Citroen
VS9|Carrocerias Ayats
VSA|Mercedes-Benz
VSE|Suzuki / Santana Motors
VSK|Nissan (Nissan)
VSS|SEAT
VSX|Opel (Opel)
VSY|Renault (Renault)
VSZ|Seat
VV9|Tauro Sport Auto
VW1|Renault (Renault)
VW2|Volkswagen
VWA|Nissan (Nissan)
VWG|Volkswagen Spain
VWV|Volkswagen
VX1|Zastava / Yugo
VY1|Volvo
W00|Opel (Opel)
W04|Buick
W06|Cadillac
W08|Saturn
W09|Ruf Automobile
W0L|Opel (Opel/Vauxhall)
W0S|Opel (Opel Special Vehicles)
W0V|Opel (Opel)
W1|Mercedes-Benz
WA1|Audi
WAG|Neoplan
WAP|Alpina
WAU|Audi
WAV|Audi
WAX|SsangYong
WB|BMW
WBA|BMW
WBD|Mercedes-Benz
WBS|BMW M
WBX|BMW
WBY|BMW
WCD|Mercedes-Benz (Sprinter)
WD0|Dodge
WD2|Dodge
WD3|Daimler AG (Sprinter)
WD4|Daimler AG (Sprinter)
WD5|Dodge
WD8|Mercedes-Benz
WDA|Daimler AG (Sprinter)
WDB|Mercedes-Benz
WDC|DaimlerChrysler AG/Daimler AG
WDD|DaimlerChrysler AG/Daimler AG
WDF|Mercedes-Benz
WDP|Mercedes-Benz (Sprinter)
WDR|Mercedes-Benz (Sprinter)
WDW|Dodge
WDX|Dodge
WDY|Mercedes-Benz (Sprinter)
WDZ|Mercedes-Benz (Sprinter)
WE0|Ford
WEB|EvoBus
WF0|Ford of Europe
WF1|Renault (Renault)
WF3|Peugeot
WF7|Citroen
WFD|Fliegl
WFO|Ford
WJM|Iveco
WJR|Irmscher
WKK|Karl Kässbohrer Fahrzeugwerke
WMA|MAN
WMB|Audi
WME|Smart
WMW|Mini
WMX|DaimlerChrysler AG/Daimler AG
WMZ|MINI
WNK|Toyota
WOL|Opel (Opel)
WP0|Porsche car
WP1|Porsche SUV
WS0|Ford
WSS|Seat
WUA|Quattro
WUW|Volkswagen
WV|Volkswagen
WV0|Ford
WV1|Volkswagen Commercial Vehicles
WV2|Volkswagen Commercial Vehicles
WV3|Volkswagen Trucks
WVG|Volkswagen
WVW|Volkswagen
WVZ|Volkswagen
WWD|Mercedes-Benz
WWW|Volkswagen
WYG|Volkswagen
WYW|Volkswagen
WZW|Volkswagen
X7L|Renault (Renault)
X96|Mercedes-Benz
XL9|Spyker
XLB|Volvo
XLR|DAF Trucks
XMC|Mitsubishi (NedCar)
XNC|Mitsubishi
XP7|Tesla Germany
XTA|Lada (AvtoVAZ)
XUF|Opel (Opel)
XW8|Volkswagen
XWE|Kia
XWF|Opel (Opel)
XXX|Honda
Y6D|Opel (Opel)
YAR|Toyota
YCM|Mazda
YH4|Fisker
YK1|Saab
YMB|Skoda
YS2|Scania, Södertälje
YS3|Saab
YS4|Scania, Katrineholm
YTN|Saab NEVS
YV1|Volvo Cars
YV2|Volvo Trucks
YV3|Volvo Buses
YV4|Volvo Cars
Z12|Opel (Opel)
Z3B|Chevrolet
ZA9|Bugatti
ZAC|FCA
ZAF|Fiat
ZAM|Maserati
ZAP|Piaggio/Vespa/Gilera
ZAR|Alfa Romeo
ZAS|Alfa
ZCF|Iveco
ZCG|Cagiva SpA
ZD4|Aprilia
ZDF|Ferrari Dino
ZDM|Ducati Motor Holdings SpA
ZFA|Fiat Automobiles
ZFB|Fiat
ZFC|Fiat V.I.
ZFF|Ferrari
ZGA|IvecoBus
ZHW|Lamborghini
ZLA|Lancia
ZN6|Maserati
ZOM|OM
ZSA|Fiat
"""

    private static let countryText = """
10|United States
11|United States
12|United States
13|United States
14|United States
15|United States
16|United States
17|United States
18|United States
19|United States
1A|United States
1B|United States
1C|United States
1D|United States
1E|United States
1F|United States
1G|United States
1H|United States
1J|United States
1K|United States
1L|United States
1M|United States
1N|United States
1P|United States
1R|United States
1S|United States
1T|United States
1U|United States
1V|United States
1W|United States
1X|United States
1Y|United States
1Z|United States
21|Canada
22|Canada
23|Canada
24|Canada
25|Canada
2A|Canada
2B|Canada
2C|Canada
2D|Canada
2E|Canada
2F|Canada
2G|Canada
2H|Canada
2J|Canada
2K|Canada
2L|Canada
2M|Canada
2N|Canada
2P|Canada
2R|Canada
2S|Canada
2T|Canada
2U|Canada
2V|Canada
2W|Canada
2X|Canada
2Y|Canada
2Z|Canada
35|Dom. Republic
36|Honduras
37|Panama
38|Puerto Rico
39|Puerto Rico
3A|Mexico
3B|Mexico
3C|Mexico
3D|Mexico
3E|Mexico
3F|Mexico
3G|Mexico
3H|Mexico
3J|Mexico
3K|Mexico
3L|Mexico
3M|Mexico
3N|Mexico
3P|Mexico
3R|Mexico
3S|Mexico
3T|Mexico
3U|Mexico
3V|Mexico
3W|Mexico
3X|Mexico
40|United States
41|United States
42|United States
43|United States
44|United States
45|United States
46|United States
47|United States
48|United States
49|United States
4A|United States
4B|United States
4C|United States
4D|United States
4E|United States
4F|United States
4G|United States
4H|United States
4J|United States
4K|United States
4L|United States
4M|United States
4N|United States
4P|United States
4R|United States
4S|United States
4T|United States
4U|United States
4V|United States
4W|United States
4X|United States
4Y|United States
4Z|United States
50|United States
51|United States
52|United States
53|United States
54|United States
55|United States
56|United States
57|United States
58|United States
59|United States
5A|United States
5B|United States
5C|United States
5D|United States
5E|United States
5F|United States
5G|United States
5H|United States
5J|United States
5K|United States
5L|United States
5M|United States
5N|United States
5P|United States
5R|United States
5S|United States
5T|United States
5U|United States
5V|United States
5W|United States
5X|United States
5Y|United States
5Z|United States
61|New Zealand
6A|Australia
6B|Australia
6C|Australia
6D|Australia
6E|Australia
6F|Australia
6G|Australia
6H|Australia
6J|Australia
6K|Australia
6L|Australia
6M|Australia
6N|Australia
6P|Australia
6R|Australia
6S|Australia
6T|Australia
6U|Australia
6V|Australia
6W|Australia
6X|Australia
6Y|New Zealand
6Z|New Zealand
70|United States
71|United States
72|United States
73|United States
74|United States
75|United States
76|United States
77|United States
78|United States
79|United States
7A|United States
7B|United States
7C|United States
7D|United States
7E|United States
7F|United States
7G|United States
7H|United States
7J|United States
7K|United States
7L|United States
7M|United States
7N|United States
7P|United States
7R|United States
7S|United States
7T|United States
7U|United States
7V|United States
7W|United States
7X|United States
7Y|United States
7Z|United States
82|Bolivia
8A|Argentina
8B|Argentina
8C|Argentina
8D|Argentina
8E|Argentina
8F|Chile
8G|Chile
8L|Ecuador
8M|Ecuador
8N|Ecuador
8S|Peru
8T|Peru
8X|Venezuela
8Y|Venezuela
8Z|Venezuela
92|Brazil
93|Brazil
94|Brazil
95|Brazil
96|Brazil
97|Brazil
98|Brazil
99|Brazil
9A|Brazil
9B|Brazil
9C|Brazil
9D|Brazil
9E|Brazil
9F|Colombia
9G|Colombia
9S|Uruguay
9T|Uruguay
9U|Uruguay
9V|Uruguay
A1|Cyprus
A2|Zimbabwe
A3|Zimbabwe
A4|Mozambique
A5|Mozambique
AA|South Africa
AB|South Africa
AC|South Africa
AD|South Africa
AE|South Africa
AF|South Africa
AG|South Africa
AH|South Africa
AJ|Ivory Coast
AK|Ivory Coast
AL|Lesotho
AM|Lesotho
AN|Botswana
AP|Botswana
AR|Namibia
AS|Namibia
AT|Madagascar
AU|Madagascar
AV|Mauritius
AW|Mauritius
AX|Tunisia
AY|Tunisia
AZ|Cyprus
B3|Libya
B4|Libya
BA|Angola
BB|Angola
BF|Kenya
BG|Kenya
BL|Nigeria
BR|Algeria
CA|Egypt
CB|Egypt
CF|Morocco
CG|Morocco
CL|Zambia
CM|Zambia
DA|Egypt
DB|Egypt
DC|Egypt
DD|Egypt
DE|Egypt
H0|China
H1|China
H2|China
H3|China
H4|China
H5|China
H6|China
H7|China
H8|China
H9|China
HA|China
HB|China
HC|China
HD|China
HE|China
HF|China
HG|China
HH|China
HJ|China
HK|China
HL|China
HM|China
HN|China
HP|China
HR|China
HS|China
HT|China
HU|China
HV|China
HW|China
HX|China
HY|China
HZ|China
J0|Japan
J1|Japan
J2|Japan
J3|Japan
J4|Japan
J5|Japan
J6|Japan
J7|Japan
J8|Japan
J9|Japan
JA|Japan
JB|Japan
JC|Japan
JD|Japan
JE|Japan
JF|Japan
JG|Japan
JH|Japan
JJ|Japan
JK|Japan
JL|Japan
JM|Japan
JN|Japan
JP|Japan
JR|Japan
JS|Japan
JT|Japan
JU|Japan
JV|Japan
JW|Japan
JX|Japan
JY|Japan
JZ|Japan
KF|Israel
KG|Israel
KH|Israel
KL|South Korea
KM|South Korea
KN|South Korea
KP|South Korea
KR|South Korea
KS|Jordan
KT|Jordan
L0|China
L1|China
L2|China
L3|China
L4|China
L5|China
L6|China
L7|China
L8|China
L9|China
LA|China
LB|China
LC|China
LD|China
LE|China
LF|China
LG|China
LH|China
LJ|China
LK|China
LL|China
LM|China
LN|China
LP|China
LR|China
LS|China
LT|China
LU|China
LV|China
LW|China
LX|China
LY|China
LZ|China
M1|India
M2|India
M3|India
M4|India
M5|India
M6|India
MA|India
MB|India
MC|India
MD|India
ME|India
MF|Indonesia
MG|Indonesia
MH|Indonesia
MJ|Indonesia
MK|Indonesia
ML|Thailand
MM|Thailand
MN|Thailand
MP|Thailand
MR|Thailand
MS|Myanmar
MU|Mongolia
MX|Kazakhstan
N1|Iran
N2|Iran
N3|Iran
N4|Iran
N5|Iran
NA|Iran
NB|Iran
NC|Iran
ND|Iran
NE|Iran
NF|Pakistan
NG|Pakistan
NJ|Iraq
NL|Turkey
NM|Turkey
NN|Turkey
NP|Turkey
NR|Turkey
NS|Uzbekistan
NT|Uzbekistan
NU|Azerbaijan
NY|Armenia
PA|Philippines
PB|Philippines
PC|Philippines
PF|Singapore
PG|Singapore
PL|Malaysia
PM|Malaysia
PN|Malaysia
PP|Malaysia
PR|Malaysia
PS|Bangladesh
PT|Bangladesh
R1|Hong Kong
RA|United Arab Emirates
RB|United Arab Emirates
RF|Taiwan
RG|Taiwan
RH|Taiwan
RJ|Taiwan
RK|Taiwan
RL|Vietnam
RM|Vietnam
RN|Vietnam
RP|Laos
RS|Saudi Arabia
RT|Saudi Arabia
RU|Russia
RV|Russia
RW|Russia
S1|Latvia
S2|Latvia
S3|South Ossetia
SA|United Kingdom
SB|United Kingdom
SC|United Kingdom
SD|United Kingdom
SE|United Kingdom
SF|United Kingdom
SG|United Kingdom
SH|United Kingdom
SJ|United Kingdom
SK|United Kingdom
SL|United Kingdom
SM|United Kingdom
SN|Germany
SP|Germany
SR|Germany
SS|Germany
ST|Germany
SU|Poland
SV|Poland
SW|Poland
SX|Poland
SY|Poland
SZ|Poland
T1|Portugal
T2|Portugal
T3|Serbia & Montenegro
T4|Serbia & Montenegro
T5|Serbia & Montenegro
T6|Andorra
TA|Switzerland
TB|Switzerland
TC|Switzerland
TD|Switzerland
TE|Switzerland
TF|Switzerland
TG|Switzerland
TH|Switzerland
TJ|Czech Republic
TK|Czech Republic
TL|Czech Republic
TM|Czech Republic
TN|Czech Republic
TP|Czech Republic
TR|Hungary
TS|Hungary
TT|Hungary
TU|Hungary
TV|Hungary
TW|Portugal
TX|Portugal
TY|Portugal
TZ|Portugal
U0|Bosnia & Herzogovina
U1|Macedonia
U2|Macedonia
U5|Slovakia
U6|Slovakia
U7|Slovakia
U8|Bosnia & Herzogovina
U9|Bosnia & Herzogovina
UA|Spain
UB|Spain
UC|Spain
UH|Denmark
UJ|Denmark
UK|Denmark
UL|Denmark
UM|Denmark
UN|Ireland
UP|Ireland
UR|Ireland
UU|Romania
UV|Romania
UW|Romania
V1|Serbia
V2|Serbia
V3|Croatia
V4|Croatia
V5|Croatia
V6|Estonia
V7|Estonia
V8|Estonia
VA|Austria
VB|Austria
VC|Austria
VD|Austria
VE|Austria
VF|France
VG|France
VH|France
VJ|France
VK|France
VL|France
VM|France
VN|France
VP|France
VR|France
VS|Spain
VT|Spain
VU|Spain
VV|Spain
VW|Spain
VX|Serbia
VY|Serbia
VZ|Serbia
W0|Germany
W1|Germany
W2|Germany
W3|Germany
W4|Germany
W5|Germany
W6|Germany
W7|Germany
W8|Germany
W9|Germany
WA|Germany
WB|Germany
WC|Germany
WD|Germany
WE|Germany
WF|Germany
WG|Germany
WH|Germany
WJ|Germany
WK|Germany
WL|Germany
WM|Germany
WN|Germany
WP|Germany
WR|Germany
WS|Germany
WT|Germany
WU|Germany
WV|Germany
WW|Germany
WX|Germany
WY|Germany
WZ|Germany
X0|Russia
X1|Russia
X2|Russia
X3|Russia
X4|Russia
X5|Russia
X6|Russia
X7|Russia
X8|Russia
X9|Russia
XA|Bulgaria
XB|Bulgaria
XC|Bulgaria
XD|Russia
XE|Russia
XF|Greece
XG|Greece
XH|Greece
XJ|Russia
XK|Russia
XL|Netherlands
XM|Netherlands
XN|Netherlands
XP|Netherlands
XR|Netherlands
XS|Russia
XT|Russia
XU|Russia
XV|Russia
XW|Russia
XX|Luxembourg
XY|Luxembourg
XZ|Russia
Y1|Norway
Y2|Norway
Y3|Belarus
Y4|Belarus
Y5|Belarus
Y6|Ukraine
Y7|Ukraine
Y8|Ukraine
YA|Belgium
YB|Belgium
YC|Belgium
YD|Belgium
YE|Belgium
YF|Finland
YG|Finland
YH|Finland
YJ|Finland
YK|Finland
YN|Malta
YS|Sweden
YT|Sweden
YU|Sweden
YV|Sweden
YW|Sweden
YX|Norway
YY|Norway
YZ|Norway
Z0|Russia
Z1|San Marino
Z3|Lithuania
Z4|Lithuania
Z5|Lithuania
Z6|Russia
Z7|Russia
Z8|Russia
Z9|Russia
ZA|Italy
ZB|Italy
ZC|Italy
ZD|Italy
ZE|Italy
ZF|Italy
ZG|Italy
ZH|Italy
ZJ|Italy
ZK|Italy
ZL|Italy
ZM|Italy
ZN|Italy
ZP|Italy
ZR|Italy
ZS|Italy
ZT|Italy
ZU|Italy
ZX|Slovenia
ZY|Slovenia
ZZ|Slovenia
"""

    private static let regionText = """
ABC|Africa
JKLMNPR|Asia
STUVWXYZ|Europe
123457|North America
6|Oceania
89|South America
"""
}
