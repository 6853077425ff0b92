//! Deterministic synthetic datasets in the real format, for benchmarks and
//! scale tests: any number of records across hundreds of relations, with
//! names carrying Vietnamese and Spanish diacritics, offices, places,
//! products, dates at every precision and amounts with every qualifier.
//!
//! The same seed and record count always give the same dataset, byte for
//! byte, so benchmark figures can be reproduced. Everything generated passes
//! [`crate::data::parse_str`] validation: ids are unique, every record cites a
//! source, directions name the two parties of their relation.

use std::io::{self, Write};

use crate::data::{
    Agreement, AgreementStatus, Amount, Change, ChangeKind, Citation, Citations, Country, Dataset,
    Date, Derivation, Event, Fact, FactCategory, Growth, Mission, MissionKind, Person, ProductFlow,
    Qualifier, Relation, Source, SourceKind, Text, Trade, TradeFigure, Visit,
};
use crate::query::records_of;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How many records (events, visits, agreements, trade figures, …) in all.
    pub records: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            records: 1_000_000,
            seed: 1,
        }
    }
}

/// SplitMix64: tiny, fast, and the same on every platform, which is all a
/// reproducible generator needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1).max(1) as usize) as i32
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Name traditions, so a country's officials carry plausible names.
#[derive(Clone, Copy)]
enum Names {
    Vietnamese,
    Spanish,
    SouthAsian,
    French,
    German,
    Portuguese,
    Turkish,
    Nordic,
    Slavic,
    Arabic,
    EastAsian,
    English,
}

struct CountryInfo {
    code: &'static str,
    name: &'static str,
    names: Names,
    cities: &'static [&'static str],
}

const fn c(
    code: &'static str,
    name: &'static str,
    names: Names,
    cities: &'static [&'static str],
) -> CountryInfo {
    CountryInfo {
        code,
        name,
        names,
        cities,
    }
}

use Names::*;

#[rustfmt::skip]
const COUNTRIES: &[CountryInfo] = &[
    c("VNM", "Vietnam", Vietnamese, &["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Huế", "Cần Thơ"]),
    c("MEX", "Mexico", Spanish, &["Ciudad de México", "Guadalajara", "Monterrey", "Mérida", "Querétaro", "Cancún", "Zacatecas", "Tijuana"]),
    c("PAK", "Pakistan", SouthAsian, &["Islamabad", "Karachi", "Lahore", "Peshawar", "Quetta"]),
    c("ESP", "Spain", Spanish, &["Madrid", "Barcelona", "Sevilla", "Málaga", "Córdoba"]),
    c("COL", "Colombia", Spanish, &["Bogotá", "Medellín", "Cali", "Cartagena"]),
    c("PER", "Peru", Spanish, &["Lima", "Cusco", "Arequipa", "Trujillo"]),
    c("ARG", "Argentina", Spanish, &["Buenos Aires", "Córdoba", "Rosario", "Mendoza"]),
    c("CHL", "Chile", Spanish, &["Santiago", "Valparaíso", "Concepción", "Antofagasta"]),
    c("CUB", "Cuba", Spanish, &["La Habana", "Santiago de Cuba", "Camagüey"]),
    c("ECU", "Ecuador", Spanish, &["Quito", "Guayaquil", "Cuenca"]),
    c("BOL", "Bolivia", Spanish, &["La Paz", "Santa Cruz de la Sierra", "Cochabamba", "Potosí"]),
    c("VEN", "Venezuela", Spanish, &["Caracas", "Maracaibo", "Mérida"]),
    c("URY", "Uruguay", Spanish, &["Montevideo", "Paysandú", "Salto"]),
    c("PRY", "Paraguay", Spanish, &["Asunción", "Ciudad del Este", "Encarnación"]),
    c("GTM", "Guatemala", Spanish, &["Ciudad de Guatemala", "Quetzaltenango", "Antigua Guatemala"]),
    c("HND", "Honduras", Spanish, &["Tegucigalpa", "San Pedro Sula"]),
    c("NIC", "Nicaragua", Spanish, &["Managua", "León", "Granada"]),
    c("PAN", "Panama", Spanish, &["Ciudad de Panamá", "Colón", "David"]),
    c("CRI", "Costa Rica", Spanish, &["San José", "Limón", "Alajuela"]),
    c("DOM", "Dominican Republic", Spanish, &["Santo Domingo", "Santiago de los Caballeros"]),
    c("BRA", "Brazil", Portuguese, &["Brasília", "São Paulo", "Rio de Janeiro", "Belo Horizonte", "Manaus"]),
    c("PRT", "Portugal", Portuguese, &["Lisboa", "Porto", "Coimbra", "Braga"]),
    c("AGO", "Angola", Portuguese, &["Luanda", "Huambo", "Benguela"]),
    c("MOZ", "Mozambique", Portuguese, &["Maputo", "Beira", "Nampula"]),
    c("FRA", "France", French, &["Paris", "Lyon", "Marseille", "Toulouse", "Nîmes"]),
    c("BEL", "Belgium", French, &["Bruxelles", "Liège", "Namur", "Antwerpen"]),
    c("SEN", "Senegal", French, &["Dakar", "Thiès", "Saint-Louis"]),
    c("CIV", "Côte d'Ivoire", French, &["Abidjan", "Yamoussoukro", "Bouaké"]),
    c("DZA", "Algeria", Arabic, &["Alger", "Oran", "Constantine"]),
    c("MAR", "Morocco", Arabic, &["Rabat", "Casablanca", "Marrakech", "Fès"]),
    c("TUN", "Tunisia", Arabic, &["Tunis", "Sfax", "Sousse"]),
    c("EGY", "Egypt", Arabic, &["Cairo", "Alexandria", "Giza"]),
    c("SAU", "Saudi Arabia", Arabic, &["Riyadh", "Jeddah", "Dammam"]),
    c("ARE", "United Arab Emirates", Arabic, &["Abu Dhabi", "Dubai", "Sharjah"]),
    c("IRN", "Iran", Arabic, &["Tehran", "Isfahan", "Mashhad"]),
    c("DEU", "Germany", German, &["Berlin", "München", "Köln", "Düsseldorf", "Hamburg"]),
    c("AUT", "Austria", German, &["Wien", "Graz", "Salzburg", "Linz"]),
    c("CHE", "Switzerland", German, &["Bern", "Zürich", "Genève", "Basel"]),
    c("TUR", "Türkiye", Turkish, &["Ankara", "İstanbul", "İzmir", "Bursa"]),
    c("AZE", "Azerbaijan", Turkish, &["Bakı", "Gəncə"]),
    c("SWE", "Sweden", Nordic, &["Stockholm", "Göteborg", "Malmö", "Uppsala"]),
    c("NOR", "Norway", Nordic, &["Oslo", "Bergen", "Tromsø", "Trondheim"]),
    c("DNK", "Denmark", Nordic, &["København", "Aarhus", "Odense"]),
    c("FIN", "Finland", Nordic, &["Helsinki", "Espoo", "Tampere", "Jyväskylä"]),
    c("POL", "Poland", Slavic, &["Warszawa", "Kraków", "Gdańsk", "Wrocław", "Łódź"]),
    c("CZE", "Czechia", Slavic, &["Praha", "Brno", "Ostrava", "Plzeň"]),
    c("SVK", "Slovakia", Slavic, &["Bratislava", "Košice"]),
    c("HRV", "Croatia", Slavic, &["Zagreb", "Split", "Rijeka"]),
    c("IND", "India", SouthAsian, &["New Delhi", "Mumbai", "Bengaluru", "Chennai", "Kolkata"]),
    c("BGD", "Bangladesh", SouthAsian, &["Dhaka", "Chattogram", "Khulna"]),
    c("LKA", "Sri Lanka", SouthAsian, &["Colombo", "Kandy", "Galle"]),
    c("NPL", "Nepal", SouthAsian, &["Kathmandu", "Pokhara"]),
    c("JPN", "Japan", EastAsian, &["Tōkyō", "Ōsaka", "Kyōto", "Nagoya", "Fukuoka"]),
    c("KOR", "South Korea", EastAsian, &["Seoul", "Busan", "Incheon", "Daegu"]),
    c("CHN", "China", EastAsian, &["Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Chongqing"]),
    c("LAO", "Laos", Vietnamese, &["Vientiane", "Luang Prabang", "Pakse"]),
    c("KHM", "Cambodia", Vietnamese, &["Phnom Penh", "Siem Reap", "Battambang"]),
    c("THA", "Thailand", EastAsian, &["Bangkok", "Chiang Mai", "Phuket"]),
    c("IDN", "Indonesia", EastAsian, &["Jakarta", "Surabaya", "Bandung", "Medan"]),
    c("PHL", "Philippines", Spanish, &["Manila", "Cebu", "Davao"]),
    c("USA", "United States", English, &["Washington", "New York", "Los Angeles", "Houston", "Chicago"]),
    c("CAN", "Canada", English, &["Ottawa", "Toronto", "Montréal", "Vancouver", "Québec"]),
    c("GBR", "United Kingdom", English, &["London", "Edinburgh", "Manchester", "Cardiff"]),
    c("AUS", "Australia", English, &["Canberra", "Sydney", "Melbourne", "Perth"]),
    c("NZL", "New Zealand", English, &["Wellington", "Auckland", "Christchurch"]),
    c("NGA", "Nigeria", English, &["Abuja", "Lagos", "Kano"]),
    c("KEN", "Kenya", English, &["Nairobi", "Mombasa", "Kisumu"]),
    c("ZAF", "South Africa", English, &["Pretoria", "Cape Town", "Johannesburg", "Durban"]),
];

#[rustfmt::skip]
fn given_names(n: Names) -> &'static [&'static str] {
    match n {
        Vietnamese => &["Thạch", "Đồng", "Dũng", "Hùng", "Lan", "Hương", "Thắng", "Khải", "Chính", "Mười", "Phúc", "Hải", "Cường", "Tuấn", "Nga", "Thọ", "Cầm", "Niên", "Hiếu", "Lợi"],
        Spanish => &["José", "María", "Andrés", "Marcelo", "Alicia", "Ángel", "Jesús", "Raúl", "Sofía", "Inés", "Óscar", "Lourdes", "Germán", "Martín", "Claudia", "Fernando", "Alejandro", "Begoña"],
        SouthAsian => &["Muhammad", "Imran", "Nawaz", "Shahbaz", "Benazir", "Ahsan", "Saleem", "Farooq", "Ayesha", "Zainab", "Pervez", "Burhanul", "Rajiv", "Priya", "Sheikh"],
        French => &["François", "Hélène", "Joël", "Chloé", "Benoît", "Céline", "Jérôme", "Anaïs", "Amadou", "Aïssatou"],
        German => &["Jürgen", "Günter", "Bärbel", "Jörg", "Käthe", "Matthias", "Ursula", "Walter"],
        Portuguese => &["João", "Conceição", "Sebastião", "Luís", "Inês", "Antônio", "Graça", "Estêvão"],
        Turkish => &["Ayşe", "Mustafa", "Çağla", "Gökhan", "Şükrü", "Ümit", "İlham", "Mehriban"],
        Nordic => &["Søren", "Åsa", "Bjørn", "Sigríður", "Märta", "Jens", "Ingrid", "Tuomas"],
        Slavic => &["Łukasz", "Zdeněk", "Jiří", "Małgorzata", "Tomáš", "Ivana", "Andrzej", "Božena"],
        Arabic => &["Ahmed", "Fatima", "Youssef", "Leïla", "Abdelaziz", "Mohammed", "Nour", "Hassan"],
        EastAsian => &["Shinzō", "Yōko", "Min-jun", "Ji-woo", "Wei", "Li", "Somchai", "Joko", "Sri"],
        English => &["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda"],
    }
}

#[rustfmt::skip]
fn family_names(n: Names) -> &'static [&'static str] {
    match n {
        Vietnamese => &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"],
        Spanish => &["López", "Muñoz", "Núñez", "Peña", "Ibáñez", "Gutiérrez", "Rodríguez", "Hernández", "Martínez", "Sánchez", "Ramírez", "Pérez", "Gómez", "Díaz", "Ordóñez", "Báez", "Cortés", "Ebrard"],
        SouthAsian => &["Khan", "Sharif", "Bhutto", "Iqbal", "Qureshi", "Malik", "Chaudhry", "Abbasi", "Zardari", "Musharraf", "Gandhi", "Rahman"],
        French => &["Lefèvre", "Gérard", "Rousseau", "Dubois", "Mercier", "Ndiaye", "Diop", "Ouattara"],
        German => &["Müller", "Schröder", "Götz", "Weiß", "Köhler", "Schäfer", "Böhm", "Krüger"],
        Portuguese => &["Gonçalves", "Simões", "Magalhães", "Araújo", "Guimarães", "Lopes", "Conceição"],
        Turkish => &["Çelik", "Şahin", "Öztürk", "Gül", "Yılmaz", "Aliyev", "Əliyeva"],
        Nordic => &["Ødegård", "Åberg", "Lindström", "Jørgensen", "Häkkinen", "Sigurðsson"],
        Slavic => &["Wałęsa", "Dvořák", "Nováková", "Kowalczyk", "Šimek", "Plenković", "Horváth"],
        Arabic => &["El-Sisi", "Benkirane", "Haddad", "Al-Saud", "Bouteflika", "Mansour", "Rouhani"],
        EastAsian => &["Abe", "Kishida", "Kim", "Park", "Wang", "Zhang", "Chan-o-cha", "Widodo", "Suzuki"],
        English => &["Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "O'Connor"],
    }
}

#[rustfmt::skip]
fn middle_names(n: Names) -> &'static [&'static str] {
    match n {
        Vietnamese => &["Văn", "Thị", "Hữu", "Đức", "Minh", "Cơ", "Tấn", "Xuân", "Quang", "Mạnh", "Dy", "Chí"],
        Spanish => &["de la", "del", "Antonio", "Luis", "Manuel", "Negrín"],
        _ => &[""],
    }
}

const OFFICES: &[&str] = &[
    "President",
    "Prime Minister",
    "Minister of Foreign Affairs",
    "Deputy Prime Minister",
    "Standing Deputy Prime Minister",
    "Foreign Vice-Minister",
    "Foreign Undersecretary",
    "Chairman of the National Assembly",
    "Speaker of the Senate",
    "Minister of Industry and Trade",
    "Minister of Agriculture and Rural Development",
    "Secretary of Economy",
    "Minister for Planning, Development and Reforms",
    "Governor",
    "Mayor",
    "Ambassador",
    "Special Envoy of the President",
    "Chief of the Defence Staff",
    "Director General for Asia-Pacific",
    "Minister of Education and Training",
];

const PURPOSES: &[&str] = &[
    "State visit",
    "Official visit",
    "Working visit",
    "APEC Summit",
    "Joint commission meeting",
    "Investment forum",
    "Political consultations",
    "Inauguration of the new president",
    "Trade mission with business leaders",
    "Signing of cooperation agreements",
    "United Nations General Assembly side meeting",
    "Anniversary celebrations",
];

const PRODUCTS: &[&str] = &[
    "cotton",
    "coffee",
    "shrimp",
    "rice",
    "crude oil",
    "textiles and clothing",
    "footwear",
    "electronics",
    "mobile phones",
    "computers and components",
    "machinery",
    "auto parts",
    "avocados",
    "tequila",
    "cashew nuts",
    "black pepper",
    "seafood",
    "furniture",
    "stainless steel",
    "plastic materials",
    "pharmaceuticals",
    "medical instruments",
    "surgical instruments",
    "leather goods",
    "sugar",
    "copper",
    "silver",
    "tomatoes",
    "berries",
    "beef",
    "wheat",
    "maize",
    "soybeans",
    "natural rubber",
    "wood products",
    "handicrafts",
    "cement",
    "salt",
    "fertilisers",
    "refrigerators",
];

const AREAS: &[&str] = &[
    "agriculture",
    "trade",
    "investment",
    "double taxation",
    "visas",
    "education",
    "culture",
    "tourism",
    "science and technology",
    "health",
    "defence",
    "customs",
    "fisheries",
    "energy",
    "maritime transport",
    "air services",
    "extradition",
    "mutual legal assistance",
    "sport",
    "telecommunications",
];

const AGREEMENT_FORMS: &[&str] = &[
    "Agreement on",
    "Memorandum of Understanding on",
    "Protocol on",
    "Framework Agreement on",
    "Convention on",
    "Cooperation agreement on",
    "Letter of intent on",
];

const TAGS: &[&str] = &[
    "diplomacy",
    "trade",
    "culture",
    "anniversary",
    "multilateral",
    "consultations",
    "education",
    "aid",
    "investment",
    "tourism",
    "security",
    "background",
];

const ORGANISATIONS: &[&str] = &[
    "the United Nations",
    "the World Trade Organization",
    "the Non-Aligned Movement",
    "the Group of 77",
    "APEC",
    "the CPTPP",
    "the Forum for East Asia–Latin America Cooperation",
    "the International Labour Organization",
    "UNESCO",
];

/// One relation being generated: its two countries and its own counter.
struct Pair<'a> {
    a: &'a CountryInfo,
    b: &'a CountryInfo,
    id: String,
    prefix: String,
    next: usize,
    /// The year and flow of every trade figure so far: one figure each.
    figures: std::collections::HashSet<(i32, Option<Text>)>,
}

impl<'a> Pair<'a> {
    fn next_id(&mut self, kind: &str) -> String {
        self.next += 1;
        format!("{}-{kind}-{}", self.prefix, self.next)
    }

    /// The two countries in random order: (the one acting, the other).
    fn sides(&self, rng: &mut Rng) -> (&'a CountryInfo, &'a CountryInfo) {
        if rng.chance(50) {
            (self.a, self.b)
        } else {
            (self.b, self.a)
        }
    }
}

struct Gen {
    rng: Rng,
    sources: usize,
}

impl Gen {
    fn person(&mut self, country: &CountryInfo) -> String {
        let n = country.names;
        let family = *self.rng.pick(family_names(n));
        let given = *self.rng.pick(given_names(n));
        let middle = *self.rng.pick(middle_names(n));
        match n {
            // Family name first, as Vietnamese names are written.
            Vietnamese => format!("{family} {middle} {given}"),
            Spanish if !middle.is_empty() && self.rng.chance(40) => {
                let second = *self.rng.pick(family_names(n));
                format!("{given} {family} {second}")
            }
            _ => format!("{given} {family}"),
        }
    }

    fn date(&mut self, lo: i32, hi: i32) -> Date {
        let year = self.rng.range(lo, hi);
        let text = match self.rng.below(3) {
            0 => format!("{year:04}"),
            1 => format!("{year:04}-{:02}", self.rng.range(1, 12)),
            _ => format!(
                "{year:04}-{:02}-{:02}",
                self.rng.range(1, 12),
                self.rng.range(1, 28)
            ),
        };
        text.parse().unwrap_or_else(|_| Date::year_only(year))
    }

    fn maybe_date(&mut self, lo: i32, hi: i32) -> Option<Date> {
        (!self.rng.chance(8)).then(|| self.date(lo, hi))
    }

    fn cite(&mut self) -> Citations {
        let n = 1 + usize::from(self.rng.chance(30));
        (0..n)
            .map(|_| Citation {
                source: source_id(self.rng.below(self.sources)).into(),
                section: self
                    .rng
                    .chance(80)
                    .then(|| Text::from(format!("paragraph {}", self.rng.range(1, 40)))),
            })
            .collect()
    }

    fn amount(&mut self, currency: &str) -> Amount {
        // Spread over six orders of magnitude so every display form appears:
        // "US$950,000", "US$187 million", "≈ US$15 billion".
        let exp = self.rng.range(5, 10);
        let mantissa = self.rng.range(100, 999) as f64 / 100.0;
        let value = (mantissa * 10f64.powi(exp)).round();
        let qualifier = match self.rng.below(10) {
            0..=4 => Qualifier::Exact,
            5..=6 => Qualifier::Approximate,
            7..=8 => Qualifier::AtLeast,
            _ => Qualifier::Derived,
        };
        let derivation = (qualifier == Qualifier::Derived).then(|| {
            let pct = self.rng.range(5, 60);
            let later = value * (1.0 + pct as f64 / 100.0);
            Derivation {
                from: format!(
                    "{} in the following year, stated to be up {pct}% on this one",
                    crate::data::format_money(later, currency)
                ),
                arithmetic: format!(
                    "{:.1} ÷ {:.2} ≈ {:.1} (million)",
                    later / 1e6,
                    1.0 + pct as f64 / 100.0,
                    value / 1e6
                ),
            }
        });
        Amount {
            value,
            qualifier,
            derivation,
        }
    }

    fn event(&mut self, p: &mut Pair) -> Event {
        let (x, y) = p.sides(&mut self.rng);
        let city = *self.rng.pick(y.cities);
        let area = *self.rng.pick(AREAS);
        let product = *self.rng.pick(PRODUCTS);
        let n = self.rng.range(2, 30);
        let title = match self.rng.below(10) {
            0 => format!(
                "Joint commission holds its {} session in {city}",
                ordinal(n)
            ),
            1 => format!("Trade fair in {city} showcases {product} from {}", x.name),
            2 => format!("{} opens a trade office in {city}", x.name),
            3 => format!("Business forum on {area} in {city}"),
            4 => format!("{} sends relief aid to {} after floods", x.name, y.name),
            5 => format!("Cultural week of {} in {city}", x.name),
            6 => format!(
                "Direct flights between {} and {city} announced",
                self.rng.pick(x.cities)
            ),
            7 => "Political consultations at vice-ministerial level".to_string(),
            8 => format!(
                "Scholarship programme for {n} students from {} launched",
                x.name
            ),
            _ => format!("Anniversary of relations marked in {city}"),
        };
        let who = self.person(x);
        let office = *self.rng.pick(OFFICES);
        let detail = match self.rng.below(4) {
            0 => format!(
                "{who}, {office}, said the meeting in {city} would deepen cooperation in {area} and raise sales of {product}."
            ),
            1 => format!(
                "Officials of {} and {} reviewed {area} projects worth {}.",
                x.name,
                y.name,
                self.amount("USD").display("USD")
            ),
            2 => format!(
                "Organised with the embassy of {} and attended by {who}.",
                x.name
            ),
            _ => String::new(),
        };
        let ntags = 1 + self.rng.below(2);
        Event {
            id: p.next_id("ev").into(),
            date: self.maybe_date(1950, 2025),
            title: title.into(),
            detail: detail.into(),
            tags: (0..ntags)
                .map(|_| Text::from(*self.rng.pick(TAGS)))
                .collect(),
            sources: self.cite(),
        }
    }

    fn visit(&mut self, p: &mut Pair) -> Visit {
        let (from, to) = p.sides(&mut self.rng);
        let visitor = self.person(from);
        let host = self.person(to);
        let city = *self.rng.pick(to.cities);
        let area = *self.rng.pick(AREAS);
        let purpose: Option<Text> = self.rng.chance(70).then(|| {
            let base = *self.rng.pick(PURPOSES);
            if base == "APEC Summit" {
                format!("{} APEC Summit, {city}", ordinal(self.rng.range(1, 35))).into()
            } else {
                base.into()
            }
        });
        Visit {
            id: p.next_id("vi").into(),
            date: self.maybe_date(1955, 2025),
            visitor: visitor.into(),
            office: self
                .rng
                .chance(90)
                .then(|| Text::from(*self.rng.pick(OFFICES))),
            from: from.code.into(),
            to: to.code.into(),
            purpose,
            detail: format!("Met {host} in {city}; talks covered {area} and trade.").into(),
            sources: self.cite(),
        }
    }

    fn agreement(&mut self, p: &mut Pair) -> Agreement {
        let area = *self.rng.pick(AREAS);
        let status = match self.rng.below(4) {
            0 => AgreementStatus::Signed,
            1 => AgreementStatus::InForce,
            2 => AgreementStatus::UnderNegotiation,
            _ => AgreementStatus::Reported,
        };
        let signed = match status {
            AgreementStatus::UnderNegotiation => None,
            _ => self.maybe_date(1960, 2025),
        };
        let form = *self.rng.pick(AGREEMENT_FORMS);
        Agreement {
            id: p.next_id("ag").into(),
            title: format!("{form} {area} between {} and {}", p.a.name, p.b.name).into(),
            area: area.to_string().into(),
            status,
            signed,
            detail: if self.rng.chance(50) {
                format!(
                    "Signed in {} by the two foreign ministries.",
                    self.rng.pick(p.a.cities)
                )
                .into()
            } else {
                "".into()
            },
            sources: self.cite(),
        }
    }

    fn figure(&mut self, p: &mut Pair, currency: &str) -> TradeFigure {
        let (from, to) = if self.rng.chance(50) {
            (None, None)
        } else {
            let (x, y) = p.sides(&mut self.rng);
            (Some(Text::from(x.code)), Some(Text::from(y.code)))
        };
        let by = if self.rng.chance(50) { p.a } else { p.b };
        // A year already given for this flow moves to the closest earlier free one.
        let mut year = self.rng.range(1990, 2025);
        while !p.figures.insert((year, from.clone())) {
            year -= 1;
        }
        TradeFigure {
            id: p.next_id("tr").into(),
            year,
            from,
            to,
            reporter: None,
            amount: self.amount(currency),
            note: format!("According to {} customs figures.", by.name).into(),
            sources: self.cite(),
        }
    }

    fn products(&mut self, p: &mut Pair) -> ProductFlow {
        let (x, y) = p.sides(&mut self.rng);
        let n = 2 + self.rng.below(5);
        let mut products: Vec<Text> = Vec::with_capacity(n);
        while products.len() < n {
            let item = *self.rng.pick(PRODUCTS);
            if !products.iter().any(|q| q == item) {
                products.push(item.into());
            }
        }
        ProductFlow {
            id: p.next_id("pr").into(),
            from: x.code.into(),
            to: y.code.into(),
            products,
            sources: self.cite(),
        }
    }

    fn growth(&mut self, p: &mut Pair) -> Growth {
        let from_year = self.rng.range(1990, 2020);
        let to_year = from_year + self.rng.range(1, 5);
        let (x, y) = p.sides(&mut self.rng);
        let (text, change) = if self.rng.chance(60) {
            let pct = self.rng.range(3, 95) as f64 + self.rng.below(10) as f64 / 10.0;
            (
                format!("Two-way trade rose {pct}% from {from_year} to {to_year}"),
                Change {
                    kind: ChangeKind::Percent,
                    value: pct,
                },
            )
        } else {
            let factor = self.rng.range(2, 5);
            (
                format!(
                    "Exports from {} to {} grew {factor}-fold between {from_year} and {to_year}",
                    x.name, y.name
                ),
                Change {
                    kind: ChangeKind::Factor,
                    value: factor as f64,
                },
            )
        };
        Growth {
            id: p.next_id("gr").into(),
            text: text.into(),
            from_year: Some(from_year),
            to_year: Some(to_year),
            change: Some(change),
            sources: self.cite(),
        }
    }

    fn mission(&mut self, p: &mut Pair) -> Mission {
        let (sending, host) = p.sides(&mut self.rng);
        let kind = match self.rng.below(10) {
            0..=3 => MissionKind::Embassy,
            4..=5 => MissionKind::Consulate,
            6..=8 => MissionKind::HonoraryConsulate,
            _ => MissionKind::AccreditedFrom,
        };
        let (city, accredited_from) = if kind == MissionKind::AccreditedFrom {
            let third = loop {
                let t = self.rng.pick(COUNTRIES);
                if t.code != p.a.code && t.code != p.b.code {
                    break t;
                }
            };
            (
                Some(Text::from(*self.rng.pick(third.cities))),
                Some(Text::from(third.code)),
            )
        } else {
            (
                self.rng
                    .chance(85)
                    .then(|| Text::from(*self.rng.pick(host.cities))),
                None,
            )
        };
        let opened = self.maybe_date(1950, 2000);
        let (closed, reopened) = match opened {
            Some(o) if self.rng.chance(20) => {
                let closed = self.date(o.year() + 1, 2010);
                let reopened = self
                    .rng
                    .chance(60)
                    .then(|| self.date(closed.year() + 1, 2025));
                (Some(closed), reopened)
            }
            _ => (None, None),
        };
        Mission {
            id: p.next_id("mi").into(),
            sending: sending.code.into(),
            host: host.code.into(),
            kind,
            city,
            accredited_from,
            opened,
            closed,
            reopened,
            note: if self.rng.chance(30) {
                format!("Headed by {}.", self.person(sending)).into()
            } else {
                "".into()
            },
            sources: self.cite(),
        }
    }

    fn fact(&mut self, p: &mut Pair) -> Fact {
        let (x, y) = p.sides(&mut self.rng);
        let area = *self.rng.pick(AREAS);
        let org = *self.rng.pick(ORGANISATIONS);
        let product = *self.rng.pick(PRODUCTS);
        let (category, text) = match self.rng.below(8) {
            0 => (
                FactCategory::Membership,
                format!("Both countries are members of {org}."),
            ),
            1 => (
                FactCategory::Mechanism,
                format!(
                    "The two sides hold political consultations on {area} every {} years.",
                    self.rng.range(1, 4)
                ),
            ),
            2 => (
                FactCategory::Cooperation,
                format!(
                    "{} and {} cooperate in {area}, with training for experts from {}.",
                    x.name,
                    y.name,
                    self.rng.pick(y.cities)
                ),
            ),
            3 => (
                FactCategory::Trade,
                format!(
                    "{} has often had a trade surplus with {} in {product}.",
                    x.name, y.name
                ),
            ),
            4 => (
                FactCategory::Position,
                format!("{} supported {}'s candidacy in {org}.", x.name, y.name),
            ),
            5 => (
                FactCategory::Proposal,
                format!("Open direct routes and simplify procedures for {area}."),
            ),
            6 => (
                FactCategory::Plan,
                format!(
                    "A plan aims to double trade in {product} by {}.",
                    self.rng.range(2026, 2040)
                ),
            ),
            _ => (
                FactCategory::Background,
                format!(
                    "Contacts between {} and {} go back to the {}s.",
                    x.name,
                    y.name,
                    self.rng.range(190, 199) * 10
                ),
            ),
        };
        let attributed_to = self.rng.chance(40).then(|| Person {
            name: self.person(x).into(),
            role: Some(format!("{} of {}", self.rng.pick(OFFICES), x.name).into()),
        });
        Fact {
            id: p.next_id("fa").into(),
            category,
            text: text.into(),
            attributed_to,
            sources: self.cite(),
        }
    }

    fn relation(&mut self, p: &mut Pair, records: usize) -> Relation {
        let currency = if self.rng.chance(85) { "USD" } else { "EUR" };
        let established = self.date(1945, 2000);
        let mut rel = Relation {
            id: p.id.clone().into(),
            countries: [p.a.code.into(), p.b.code.into()],
            established: Some(established),
            summary: format!(
                "{} and {} have had diplomatic relations since {established}. Synthetic data for benchmarks.",
                p.a.name, p.b.name
            ).into(),
            sources: self.cite(),
            events: Vec::new(),
            visits: Vec::new(),
            agreements: Vec::new(),
            trade: None,
            missions: Vec::new(),
            facts: Vec::new(),
        };
        let mut trade = Trade {
            currency: currency.to_string().into(),
            figures: Vec::new(),
            products: Vec::new(),
            growth: Vec::new(),
        };
        for _ in 0..records {
            // Shares roughly as in a real relation: mostly events, visits and facts.
            match self.rng.below(100) {
                0..=33 => rel.events.push(self.event(p)),
                34..=57 => rel.visits.push(self.visit(p)),
                58..=67 => rel.agreements.push(self.agreement(p)),
                68..=75 => trade.figures.push(self.figure(p, currency)),
                76..=78 => trade.products.push(self.products(p)),
                79..=81 => trade.growth.push(self.growth(p)),
                82..=86 => rel.missions.push(self.mission(p)),
                _ => rel.facts.push(self.fact(p)),
            }
        }
        rel.trade = Some(trade);
        rel
    }
}

/// "2nd" for 2, as search reads it back.
fn ordinal(n: i32) -> String {
    crate::search::forms::in_figures(n.unsigned_abs())
}

fn source_id(i: usize) -> String {
    format!("src-{:04}", i + 1)
}

/// How many relations a dataset of `records` records spreads over: about
/// 2,500 records each, so a million records make 400 relations.
fn relation_count(records: usize) -> usize {
    let pairs = COUNTRIES.len() * (COUNTRIES.len() - 1) / 2;
    records.div_ceil(2500).clamp(4, pairs)
}

/// Generates a dataset of exactly `opts.records` records.
pub fn generate(opts: Options) -> Dataset {
    let mut rng = Rng(opts.seed);
    let nrel = relation_count(opts.records);
    // Mexico–Vietnam and Mexico–Pakistan first, then distinct random pairs.
    let mut pairs: Vec<(usize, usize)> = vec![(0, 1), (1, 2)];
    while pairs.len() < nrel {
        let a = rng.below(COUNTRIES.len());
        let b = rng.below(COUNTRIES.len());
        let key = (a.min(b), a.max(b));
        if a != b && !pairs.iter().any(|&(x, y)| (x.min(y), x.max(y)) == key) {
            pairs.push((a, b));
        }
    }
    let sources = 200;
    let mut g = Gen { rng, sources };
    let dataset_sources = (0..sources)
        .map(|i| {
            let country = g.rng.pick(COUNTRIES);
            let (title, kind) = match i % 3 {
                0 => (
                    format!(
                        "{} Ministry of Foreign Affairs, press release {}",
                        country.name,
                        i + 1
                    ),
                    SourceKind::News,
                ),
                1 => (
                    format!(
                        "Bilateral relations of {} (reference {})",
                        country.name,
                        i + 1
                    ),
                    SourceKind::Reference,
                ),
                _ => (
                    format!("{} in the world: overview {}", country.name, i + 1),
                    SourceKind::Overview,
                ),
            };
            Source {
                id: source_id(i).into(),
                title: title.into(),
                author: None,
                publisher: None,
                published: None,
                kind,
                url: None,
                note: Some("Synthetic source for benchmarks.".to_string().into()),
            }
        })
        .collect();
    let mut relations = Vec::with_capacity(nrel);
    for (i, &(a, b)) in pairs.iter().enumerate() {
        let (x, y) = (&COUNTRIES[a], &COUNTRIES[b]);
        let (a, b) = if x.code < y.code { (x, y) } else { (y, x) };
        let id = format!("{}-{}", a.code, b.code);
        // Spread the records evenly, the remainder over the first relations.
        let records = opts.records / nrel + usize::from(i < opts.records % nrel);
        let mut pair = Pair {
            a,
            b,
            prefix: id.to_ascii_lowercase(),
            id,
            next: 0,
            figures: Default::default(),
        };
        relations.push(g.relation(&mut pair, records));
    }
    let mut countries: Vec<Country> = COUNTRIES
        .iter()
        .map(|c| Country {
            code: c.code.into(),
            name: c.name.to_string().into(),
        })
        .collect();
    countries.sort_by(|a, b| a.code.cmp(&b.code));
    Dataset::new(dataset_sources, countries, relations)
}

/// Writes the dataset as compact JSON (no indentation: at a million records
/// that is 265 MB instead of 465 MB, and as quick to read as it is small).
pub fn write_json(ds: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, ds).map_err(io::Error::from)?;
    writeln!(out)
}

/// Writes every record as one line, "date relation kind text", where the text
/// holds the same words the search index holds for the record, so another
/// line-oriented tool searches exactly what `bilateral search` searches.
pub fn write_text(ds: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    for (ri, rel) in ds.relations.iter().enumerate() {
        for r in records_of(rel, ri) {
            let Some(fields) = crate::search::Fields::of(ds, &r) else {
                continue;
            };
            writeln!(out, "{}", fields.line())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_dataset() {
        let a = generate(Options {
            records: 300,
            seed: 7,
        });
        let b = generate(Options {
            records: 300,
            seed: 7,
        });
        let c = generate(Options {
            records: 300,
            seed: 8,
        });
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn generated_datasets_pass_validation() {
        let ds = generate(Options {
            records: 2_000,
            seed: 42,
        });
        let mut json = Vec::new();
        write_json(&ds, &mut json).unwrap();
        let text = String::from_utf8(json).unwrap();
        let loaded = match crate::data::parse_str(&text, "synthetic") {
            Ok(ds) => ds,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(loaded, ds);
        let records: usize = ds
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| records_of(r, i).count())
            .sum();
        assert_eq!(records, 2_000);
        let mut lines = Vec::new();
        write_text(&ds, &mut lines).unwrap();
        assert_eq!(String::from_utf8(lines).unwrap().lines().count(), 2_000);
    }

    #[test]
    fn a_million_records_spread_over_hundreds_of_relations() {
        assert_eq!(relation_count(1_000_000), 400);
        assert_eq!(relation_count(2_000), 4);
    }

    #[test]
    fn text_has_diacritics_and_every_qualifier() {
        let ds = generate(Options {
            records: 2_000,
            seed: 1,
        });
        let json = serde_json::to_string(&ds).unwrap();
        for needle in [
            "Nguyễn",
            "Muñoz",
            "Đ",
            "exact",
            "approximate",
            "at_least",
            "derived",
        ] {
            assert!(json.contains(needle), "{needle}");
        }
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(103), "103rd");
    }
}
