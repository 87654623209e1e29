//! Metadata written as front matter, `**Key**: value` lines, plain
//! `Key: value` lines or two-column table rows: title, date, status,
//! severity, services, tags. Front matter wins, then the report's header
//! (before its first section), then the first occurrence anywhere.

use super::dates::find_date;
use super::document::Document;
use super::markdown::Kind;
use super::text::{clean_heading, strip_decorations};
use crate::source::front_matter::FrontMatter;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaKey {
    Title,
    Date,
    /// Dates that only stand in when no incident date is given.
    LaterDate,
    Status,
    Severity,
    Services,
    /// A code repository (`owner/name`): a service name only when the
    /// report names nothing better.
    Repository,
    Tags,
    /// "Resolution: …", "Time to resolve: …": says the incident was
    /// resolved. Never returned by `meta_key`, so such lines keep their
    /// role as fix text.
    Resolution,
    Technologies,
    Id,
    /// Known metadata that incidex keeps no field for (author, duration...).
    Ignored,
}

const KEYS: &[(MetaKey, &[&str])] = &[
    (
        MetaKey::Title,
        &[
            "title",
            "incident title",
            "incident name",
            "report title",
            // Spanish and Portuguese, French, German and Dutch, Russian.
            "título",
            "titre",
            "titel",
            "заголовок",
        ],
    ),
    (MetaKey::Id, &["id", "slug"]),
    (
        MetaKey::Date,
        &[
            "date",
            "incident date",
            "date of incident",
            "occurred",
            "occurred at",
            "started",
            "start time",
            "start_time",
            "started at",
            "incident start",
            "when",
            "discovered",
            "discovered on",
            "detected",
            "detected on",
            "detected at",
            "first seen",
            "first observed",
            "reported",
            "reported on",
            "created",
            "created on",
            "created at",
            "opened",
            "timestamp",
            "outage date",
            // Other languages: Spanish, Portuguese and Italian, German and
            // Dutch, French, Russian, Vietnamese, Chinese, Japanese, Korean,
            // Turkish, Polish.
            "fecha",
            "fecha del incidente",
            "data",
            "data do incidente",
            "data dell'incidente",
            "datum",
            "vorfallsdatum",
            "date de l'incident",
            "date de l’incident",
            "дата",
            "дата инцидента",
            "ngày",
            "ngày xảy ra",
            "日期",
            "发生日期",
            "发生时间",
            "發生日期",
            "発生日",
            "発生日時",
            "日時",
            "日付",
            "날짜",
            "발생일",
            "발생 일시",
            // Created, as "created" above: a ticket's registration date.
            "등록일",
            "작성일",
            "作成日",
            "登録日",
            "创建日期",
            "创建时间",
            "oprettet",
            "opprettet",
            "erstellt",
            "erstellt am",
            "créé le",
            "creado",
            "criado em",
            "creato il",
            "utworzono",
            "vytvořeno",
            "aangemaakt",
            "skapad",
            "luotu",
            "dibuat",
            "oluşturulma tarihi",
            "tarih",
            "olay tarihi",
            "data incydentu",
            "datum incident",
            // Hungarian, Greek, Finnish, Arabic, Thai, Hebrew ("data" is
            // Romanian too).
            "dátum",
            "ημερομηνία",
            "ημερομηνια",
            "päivämäärä",
            "päiväys",
            "التاريخ",
            "วันที่",
            "תאריך",
        ],
    ),
    (
        MetaKey::LaterDate,
        &[
            "fix applied",
            "fix date",
            // The same in other languages.
            "data fix",
            "data del fix",
            "data correzione",
            "data della correzione",
            "data risoluzione",
            "fecha de resolución",
            "fecha de corrección",
            "data de resolução",
            "data da correção",
            "behoben am",
            "gelöst am",
            "date de résolution",
            "date du correctif",
            "fixed on",
            "resolved on",
            "resolved at",
            "last updated",
            "updated",
            "report generated",
            "report date",
            "published",
            "end time",
            "end_time",
            "fix verified",
            "resolved",
            "date fixed",
            "date resolved",
            // Chinese, Japanese, Korean, Vietnamese: when it was fixed
            // (or the fix run). Not Japanese 修正日: written above the
            // fix's commit and code, it opens the fix as a label.
            "修复时间",
            "修复完成时间",
            "修复日期",
            "解决时间",
            "执行时间",
            "解決日",
            "해결일",
            "ngày sửa",
            "fixed",
            "closed",
            // "As of" in German and Dutch: when the report was written.
            "stand",
            "stand van zaken",
        ],
    ),
    (
        MetaKey::Status,
        &[
            "status",
            "current status",
            "final status",
            "incident status",
            "state",
            "current state",
            "resolution status",
            // Spanish, Portuguese, French, Russian, Vietnamese, Chinese,
            // Japanese, Korean ("Status" is German too).
            "estado",
            "statut",
            "état",
            "статус",
            "состояние",
            "trạng thái",
            "状态",
            "狀態",
            "ステータス",
            "状態",
            "상태",
            "stare",
            "starea",
            "állapot",
            "státusz",
            "κατάσταση",
            "κατασταση",
            "tila",
            "الحالة",
            "สถานะ",
            "סטטוס",
            // Turkish, Czech, Italian, Polish, Ukrainian, Persian.
            "durum",
            "stav",
            "stato",
            "stan",
            "стан",
            "وضعیت",
        ],
    ),
    (
        MetaKey::Severity,
        &[
            "severity",
            "sev",
            // Status pages grade an incident by its worst moment.
            "max severity",
            "maximum severity",
            "highest severity",
            "peak severity",
            "priority",
            "priority level",
            "incident priority",
            "impact level",
            "criticality",
            "severity level",
            "severidad",
            "gravedad",
            "severidade",
            "gravidade",
            "schweregrad",
            "sévérité",
            "gravité",
            "criticité",
            "priorité",
            "prioridad",
            "prioridade",
            "priorität",
            "priorità",
            "gravità",
            "severità",
            "приоритет",
            "серьёзность",
            "серьезность",
            "критичность",
            "mức độ nghiêm trọng",
            "priorita",
            "závažnost",
            "priorytet",
            "prioriteit",
            "öncelik",
            "önem derecesi",
            "优先级",
            "優先度",
            "우선순위",
            "严重程度",
            "严重性",
            "严重级别",
            "重大度",
            "深刻度",
            "심각도",
            "重要度",
            "緊急度",
            "紧急程度",
            "重要程度",
            "중요도",
            "긴급도",
            "allvarlighetsgrad",
            "allvarlighet",
            "prioritet",
            "alvorlighetsgrad",
            "alvorlighed",
            "пріоритет",
            "серйозність",
            "критичність",
            "tingkat keparahan",
            "keparahan",
            "prioritas",
            "ważność",
            "severitate",
            "gravitate",
            "prioritate",
            "súlyosság",
            "prioritás",
            "σοβαρότητα",
            "σοβαροτητα",
            "προτεραιότητα",
            "προτεραιοτητα",
            "vakavuus",
            "prioriteetti",
            "الأولوية",
            "الخطورة",
            "درجة الخطورة",
            "ความรุนแรง",
            "ระดับความรุนแรง",
            "ความสำคัญ",
            "חומרה",
            "עדיפות",
        ],
    ),
    (
        MetaKey::Services,
        &[
            "service",
            "services",
            "affected service",
            "affected services",
            "system",
            "systems",
            "affected system",
            "affected systems",
            "affected component",
            "affected components",
            "affected application",
            "affected applications",
            "affected product",
            "affected products",
            "impacted service",
            "impacted services",
            "impacted system",
            "impacted systems",
            "services affected",
            "systems affected",
            "component",
            "components",
            "application",
            "app",
            "project",
            "product",
            "cluster",
            // The same labels in the languages of `languages`.
            "servicio",
            "servicios",
            "servicio afectado",
            "servicios afectados",
            "sistema afectado",
            "serviço",
            "serviços",
            "serviço afetado",
            "serviços afetados",
            "sistema afetado",
            "dienst",
            "dienste",
            "betroffener dienst",
            "betroffene dienste",
            "betroffenes system",
            "betroffene systeme",
            "getroffen dienst",
            "getroffen diensten",
            "service affecté",
            "services affectés",
            "système affecté",
            "servizio",
            "servizi",
            "servizio interessato",
            "servizi interessati",
            "sistema interessato",
            "сервис",
            "сервисы",
            "затронутый сервис",
            "затронутые сервисы",
            "сервіс",
            "сервіси",
            "dịch vụ",
            "dịch vụ bị ảnh hưởng",
            "服务",
            "受影响的服务",
            "影响服务",
            "受影響服務",
            "サービス",
            "影響を受けたサービス",
            "対象サービス",
            "対象システム",
            "서비스",
            "영향 받은 서비스",
            "대상 서비스",
            "usługa",
            "usługi",
            "dotknięte usługi",
            "hizmet",
            "etkilenen hizmet",
            "etkilenen hizmetler",
            "layanan",
            "layanan terdampak",
            "tjänst",
            "påverkad tjänst",
            "tjeneste",
            "berørt tjeneste",
            "proyecto",
            "projeto",
            "projet",
            "progetto",
            "projekt",
            "proje",
            "proje adı",
            "проект",
            // Czech and Persian; "analyzed services" for reports that look
            // at several.
            "systém",
            "služba",
            "služby",
            "dotčené služby",
            "سرویس",
            "سامانه",
            "analyzed services",
            "analysed services",
            "dự án",
            "项目",
            "プロジェクト",
            "프로젝트",
            "proyek",
            "nama proyek",
            "aplicación",
            "aplicação",
            "anwendung",
            "приложение",
            "aplikacja",
            "uygulama",
            "aplikasi",
        ],
    ),
    (
        MetaKey::Repository,
        &["repository", "repo", "github repository"],
    ),
    (
        MetaKey::Tags,
        &[
            "tags",
            "tag",
            "labels",
            "categories",
            "category",
            "keywords",
        ],
    ),
    (
        MetaKey::Technologies,
        &[
            "platform",
            "platforms",
            "stack",
            "tech stack",
            "technologies",
            "technology",
            "environment",
            "runtime",
            "language",
            "framework",
            "database",
        ],
    ),
    (
        MetaKey::Ignored,
        &[
            "author",
            "authors",
            "owner",
            "developer",
            "resolved by",
            "reported by",
            "incident commander",
            "version",
            "tested on",
            "ios version",
            "url",
            "service id",
            "deployment id",
            "commits",
            "commit",
            "incident type",
            "affected run",
            "checkpoint range",
            "outcome",
            "detection",
            "build status",
            "ready for deployment",
            "analysis method",
            "issues fixed",
            "deployment readiness",
            "performance target",
            "next review",
            "duration of halt",
            "function",
        ],
    ),
];

/// Labels whose value tells that (and how) the incident was resolved.
const RESOLUTION_LABELS: &[&str] = &[
    "resolution",
    "resolved",
    "resolution time",
    "time to resolve",
    "time to resolution",
    "time to recovery",
    "time to recover",
    "time to restore",
    "ttr",
    "mttr",
];

/// Words of a dated label that make its date a later one (a fix, an
/// update, a publication), never the incident's own.
const LATER_DATE_WORDS: &[&str] = &[
    "fixed",
    "fix",
    "resolved",
    "resolution",
    "updated",
    "update",
    "modified",
    "revised",
    "published",
    "generated",
    "closed",
    "end",
    "ended",
    "verified",
    "completed",
    "mitigated",
    "deployed",
    "recovered",
    "restored",
    "last",
];
/// Words of a dated label that look ahead: never an incident date.
const FUTURE_DATE_WORDS: &[&str] = &["due", "next", "target", "eta", "deadline", "review"];

/// Nouns for the affected system in a label, in the languages of
/// `languages` ("Sistema", "Modul", "Services", "Système").
const SYSTEM_NOUNS: &[&str] = &[
    "service",
    "services",
    "system",
    "systems",
    "component",
    "components",
    "application",
    "applications",
    "app",
    "apps",
    "module",
    "modules",
    "product",
    "products",
    "servicio",
    "servicios",
    "sistema",
    "sistemas",
    "componente",
    "componentes",
    "aplicación",
    "aplicaciones",
    "módulo",
    "módulos",
    "producto",
    "productos",
    "serviço",
    "serviços",
    "aplicação",
    "aplicações",
    "produto",
    "produtos",
    "système",
    "systèmes",
    "composant",
    "composants",
    "produit",
    "produits",
    "dienst",
    "dienste",
    "diensten",
    "systeme",
    "komponente",
    "komponenten",
    "anwendung",
    "anwendungen",
    "modul",
    "produkt",
    "produkte",
    "servizio",
    "servizi",
    "sistemi",
    "componenti",
    "applicazione",
    "applicazioni",
    "modulo",
    "moduli",
    "systeem",
    "systemen",
    "applicatie",
    "applicaties",
    "сервис",
    "сервисы",
    "система",
    "системы",
    "компонент",
    "компоненты",
    "модуль",
    "модули",
    "приложение",
    "сервіс",
    "сервіси",
    "система",
    "usługa",
    "usługi",
    "komponent",
    "moduł",
    "moduły",
    "aplikacja",
    "systém",
    "služba",
    "služby",
    "komponenta",
    "hizmet",
    "hizmetler",
    "sistem",
    "modül",
    "bileşen",
    "uygulama",
    "layanan",
    "komponen",
    "aplikasi",
    "tjänst",
    "tjänster",
    "tjeneste",
    "tjenester",
    "システム",
    "モジュール",
    "系统",
    "系統",
    "模块",
    "组件",
    "시스템",
    "모듈",
];

/// Words that say the system named was the one hit ("Services impacted",
/// "Sistemas afectados", "Betroffene Komponente").
const AFFECTED_WORDS: &[&str] = &[
    "affected",
    "impacted",
    "concerned",
    "involved",
    "afectado",
    "afectados",
    "afectada",
    "afectadas",
    "impactado",
    "impactados",
    "involucrado",
    "involucrados",
    "afetado",
    "afetados",
    "afetada",
    "afetadas",
    "envolvido",
    "envolvidos",
    "affecté",
    "affectés",
    "affecté(s)",
    "impacté",
    "impactés",
    "concerné",
    "concernés",
    "touché",
    "touchés",
    "betroffen",
    "betroffene",
    "betroffener",
    "betroffenes",
    "betroffenen",
    "interessato",
    "interessati",
    "coinvolto",
    "coinvolti",
    "impattato",
    "impattati",
    "getroffen",
    "betrokken",
    "затронутый",
    "затронутые",
    "затронутая",
    "затронутое",
    "dotknięty",
    "dotknięte",
    "dotčený",
    "dotčené",
    "postižený",
    "postižené",
    "etkilenen",
    "terdampak",
    "terpengaruh",
    "påverkad",
    "påverkade",
    "berørt",
    "berørte",
    "påvirket",
];

/// A label that names the affected system in words the table above does
/// not list one by one: a system noun, alone or with words saying it was
/// hit, in either order ("Services impacted", "Affected module(s)",
/// "Sistema", "Modul", "Système concerné").
fn is_service_label(label: &str) -> bool {
    // Asked of every label no table names, in every report: hashed, not
    // scanned, and on the value's test only when the label is one.
    static NOUNS: LazyLock<std::collections::HashSet<&'static str>> =
        LazyLock::new(|| SYSTEM_NOUNS.iter().copied().collect());
    static AFFECTED: LazyLock<std::collections::HashSet<&'static str>> =
        LazyLock::new(|| AFFECTED_WORDS.iter().copied().collect());
    let mut nouns = 0;
    for w in label.split([' ', '/']).filter(|w| !w.is_empty()) {
        let w = w.strip_suffix("(s)").unwrap_or(w);
        if NOUNS.contains(w) {
            nouns += 1;
        } else if !AFFECTED.contains(w) && !matches!(w, "the" | "our" | "&" | "and") {
            return false;
        }
    }
    nouns > 0
}

/// Whether a value reads as names ("Sankhya ERP (Oracle)", "checkout,
/// payments"), not a sentence ("we restarted the worker pool.").
fn names_systems(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty() && v.split_whitespace().count() <= 8 && !v.ends_with(['.', '!', '?'])
}

/// A label not in `KEYS` that holds a date ("Date Fixed", "Deployment
/// Date", "Outage start time"): a date of the kind its words say.
fn dated_label_key(label: &str, value: &str) -> Option<MetaKey> {
    let words = || {
        label
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    // Called for every label of every report: the cheap tests first.
    let dated = words().any(|w| matches!(w, "date" | "time" | "day"));
    if !dated || words().count() > 4 || find_date(value).is_none() {
        return None;
    }
    let words: Vec<&str> = words().collect();
    if words.iter().any(|w| FUTURE_DATE_WORDS.contains(w)) {
        Some(MetaKey::Ignored)
    } else if words.iter().any(|w| LATER_DATE_WORDS.contains(w)) {
        Some(MetaKey::LaterDate)
    } else {
        Some(MetaKey::Date)
    }
}

/// Every name of `KEYS` to its key (the first row naming it), for the
/// lookup each label of each report makes.
static KEY_OF: LazyLock<HashMap<&'static str, MetaKey>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (key, names) in KEYS {
        for name in *names {
            map.entry(*name).or_insert(*key);
        }
    }
    map
});

/// Whether a label is one of the names of the incident's date ("Date",
/// "Fecha", "Data do incidente"), whatever its value holds.
pub fn names_the_date(lower_label: &str) -> bool {
    let label = lower_label.trim().trim_end_matches(':').trim();
    KEY_OF.get(label) == Some(&MetaKey::Date)
}

/// The metadata key a label names, if any. Keys that are also section words
/// ("Fix Applied") count as dates only when a date follows them.
pub fn meta_key(lower_label: &str, value: &str) -> Option<MetaKey> {
    let label = lower_label.trim().trim_end_matches(':').trim();
    let Some(key) = KEY_OF.get(label).copied() else {
        // How long it took ("Duration", "Downtime"): kept for the insights
        // page by `duration`, no field here; "Time to resolve" stays a
        // resolution line.
        if super::duration::LABELS.contains(&label) && !RESOLUTION_LABELS.contains(&label) {
            return Some(MetaKey::Ignored);
        }
        if is_service_label(label) && names_systems(value) {
            return Some(MetaKey::Services);
        }
        return dated_label_key(label, value);
    };
    match key {
        MetaKey::LaterDate | MetaKey::Date if find_date(value).is_none() => None,
        MetaKey::Status
            if super::status::normalize_status(value).is_none()
                && value.split_whitespace().count() > 6 =>
        {
            None
        }
        _ => Some(key),
    }
}

/// Status and severity under front matter keys of other names (`state`,
/// `priority`, `estado`, TOML `state = "open"`): entries of the header,
/// as the same label written in the body would be. `status` and
/// `severity` themselves have their own readers, which come first.
pub fn front_matter_entries(fm: &FrontMatter) -> Vec<Entry> {
    fm.map
        .iter()
        .filter_map(|(k, _)| {
            let written = k.as_str()?;
            let label = written.to_lowercase().replace(['_', '-'], " ");
            if label == "status" || label == "severity" {
                return None;
            }
            let value = fm.string(written)?;
            // Other names are often other things (`state: CA`, `priority:
            // 3rd`): only a value incidex can read counts.
            let key = meta_key(&label, &value).filter(|k| match k {
                MetaKey::Status => super::status::normalize_status(&value).is_some(),
                MetaKey::Severity => super::status::normalize_severity(&value).is_some(),
                _ => false,
            })?;
            Some(Entry {
                key,
                label,
                value,
                codes: Vec::new(),
                in_header: true,
                in_trailer: false,
                line: 1,
            })
        })
        .collect()
}

/// One `key: value` found in the report, with where it was.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: MetaKey,
    /// The label as written, lower case ("date fixed").
    pub label: String,
    pub value: String,
    pub codes: Vec<String>,
    pub in_header: bool,
    /// After the last thematic break, with no heading after it.
    pub in_trailer: bool,
    pub line: usize,
}

/// Every metadata entry of the body in document order.
///
/// The header is what comes before the first section, and also the
/// metadata block that opens the first section ("## Incident Summary"
/// then `**Date**: …`, `**Status**: …`): reports put their metadata there
/// as often as above it.
pub fn entries(doc: &Document) -> Vec<Entry> {
    let first_section = doc
        .blocks
        .iter()
        .enumerate()
        .position(|(i, b)| b.heading_level().is_some() && Some(i) != doc.title_block)
        .unwrap_or(doc.blocks.len());
    let last_rule = doc
        .blocks
        .iter()
        .rposition(|b| matches!(b.kind, Kind::Rule));
    let trailer_start = match last_rule {
        Some(r) if !doc.blocks[r..].iter().any(|b| b.heading_level().is_some()) => r,
        _ => doc.blocks.len(),
    };
    let mut out: Vec<Entry> = Vec::new();
    // The block after the first section's heading while blocks keep
    // holding metadata.
    let mut opening_block = first_section + 1;
    let mut metadata_table_head = false;
    for (i, b) in doc.blocks.iter().enumerate() {
        let in_trailer = i > trailer_start;
        let before = out.len();
        let push = |out: &mut Vec<Entry>, key, label: &str, value: String, codes: Vec<String>| {
            out.push(Entry {
                key,
                label: label.to_string(),
                value,
                codes,
                in_header: i < first_section || i == opening_block,
                in_trailer,
                line: b.line,
            })
        };
        match &b.kind {
            Kind::Paragraph | Kind::Item { .. } => {
                for line in &doc.ann[i].lines {
                    if let Some(label) = &line.label {
                        let label = label.to_lowercase();
                        let mut value = line.value.clone();
                        if value.trim().is_empty() {
                            // "**Severity**:" with its value on the list below.
                            value = following_item(doc, i).unwrap_or_default();
                        }
                        if let Some(key) = meta_key(&label, &value) {
                            push(&mut out, key, &label, value, b.codes.clone());
                        } else if RESOLUTION_LABELS.contains(&label.trim()) {
                            push(&mut out, MetaKey::Resolution, &label, value, vec![]);
                        }
                    }
                }
            }
            Kind::Heading { .. } => {
                // "## 🎉 Final Status: **FULLY OPERATIONAL**", "### Severity: 🔴 CRITICAL"
                // `annotate` cleaned every heading once: its first line.
                let cleaned = doc.ann.get(i).and_then(|a| a.lines.first());
                let text: std::borrow::Cow<str> = cleaned.map_or_else(
                    || clean_heading(b.text()).into(),
                    |l| l.value.as_str().into(),
                );
                if let Some((label, value)) = text.split_once(':') {
                    let label = label.trim().to_lowercase();
                    let label = unqualified(&label);
                    if let Some(key @ (MetaKey::Status | MetaKey::Date | MetaKey::Severity)) =
                        meta_key(label, value)
                    {
                        push(&mut out, key, label, value.trim().to_string(), vec![]);
                    }
                } else if let Some((key, label, value)) = section_value(doc, i, &text) {
                    push(&mut out, key, &label, value, vec![]);
                }
            }
            Kind::Row { cells, header, .. } if cells.len() == 2 => {
                let label = clean_heading(&cells[0]).to_lowercase();
                let value = strip_decorations(&cells[1]);
                // "| Field | Value |": the table's metadata is below it.
                metadata_table_head = *header && i == opening_block;
                let column_names = *header && (label == "field" || label.is_empty());
                if let Some(key) = meta_key(&label, &value).filter(|_| !column_names) {
                    push(&mut out, key, &label, value, b.codes.clone());
                }
            }
            _ => {}
        }
        if i == opening_block && (out.len() > before || metadata_table_head) {
            opening_block += 1;
        }
        metadata_table_head = false;
    }
    out
}

/// A label without "final " or "current " before it ("Final Status"):
/// `strip_prefix`, as `trim_start_matches` with a `&str` sets up a
/// substring searcher on each call.
fn unqualified(label: &str) -> &str {
    let mut l = label;
    while let Some(rest) = l.strip_prefix("final ") {
        l = rest;
    }
    while let Some(rest) = l.strip_prefix("current ") {
        l = rest;
    }
    l
}

/// A status or severity written as a section of its own ("## Status"
/// and "**✅ FIXED** - the bot works" below it): the first line of the
/// block after heading `i`, when it reads as one.
fn section_value(doc: &Document, i: usize, heading: &str) -> Option<(MetaKey, String, String)> {
    // Every heading without a colon passes here: the block below is
    // asked first, before the heading is lower-cased and looked up.
    let next = doc.blocks.get(i + 1)?;
    if !matches!(next.kind, Kind::Paragraph | Kind::Item { .. }) {
        return None;
    }
    let label = unqualified(&heading.trim().to_lowercase()).to_string();
    let key = meta_key(&label, "")?;
    let first = next.text().lines().next()?;
    let value = clean_heading(first);
    let reads = match key {
        MetaKey::Status => super::status::normalize_status(&value).is_some(),
        MetaKey::Severity => super::status::normalize_severity(&value).is_some(),
        _ => false,
    };
    reads.then_some((key, label, value))
}

/// The text of the list item right after block `i`, for a label whose
/// value is written on the next line as a list.
fn following_item(doc: &Document, i: usize) -> Option<String> {
    let next = doc.blocks.get(i + 1)?;
    let Kind::Item { checked, depth, .. } = next.kind else {
        return None;
    };
    if checked.is_none() {
        return Some(next.text().trim().to_string());
    }
    // A list of check boxes offers options ("- [ ] Critical", "- [x] High"):
    // the value is the one ticked, or none.
    doc.blocks[i + 1..]
        .iter()
        .map_while(|b| match b.kind {
            Kind::Item {
                checked: Some(c),
                depth: d,
                ..
            } if d == depth => Some((c, b)),
            Kind::Item { depth: d, .. } if d > depth => Some((false, b)),
            _ => None,
        })
        .find(|(ticked, _)| *ticked)
        .map(|(_, b)| b.text().trim().to_string())
}

/// The value to use for `key`: the header's, else the closing block's,
/// else the first anywhere.
pub fn pick(entries: &[Entry], key: MetaKey) -> Option<&Entry> {
    entries
        .iter()
        .find(|e| e.key == key && e.in_header)
        .or_else(|| entries.iter().find(|e| e.key == key && e.in_trailer))
        .or_else(|| entries.iter().find(|e| e.key == key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::annotate;
    use crate::extract::markdown::blocks;

    fn meta(md: &str) -> Vec<(MetaKey, String, bool)> {
        let d = annotate(blocks(md, 1));
        entries(&d)
            .into_iter()
            .map(|e| (e.key, e.value, e.in_header))
            .collect()
    }

    #[test]
    fn metadata_forms() {
        let got = meta("# T\n\n**Date**: October 26, 2025  \n**Status**: ✅ **RESOLVED**  \n**Service**: api (srv-1)\n\n## Root Cause\n\nx\n");
        assert_eq!(got[0], (MetaKey::Date, "October 26, 2025".into(), true));
        assert_eq!(got[1].0, MetaKey::Status);
        assert!(got[1].1.contains("RESOLVED"));
        assert_eq!(got[2], (MetaKey::Services, "api (srv-1)".into(), true));
    }

    #[test]
    fn a_system_noun_with_or_without_affected_words_is_a_service_label() {
        for label in [
            "Services impacted",
            "Affected module(s)",
            "Sistema",
            "Sistemas afectados",
            "Modul",
            "Système concerné",
            "Betroffene Komponente",
            "Impacted apps",
        ] {
            let got = meta(&format!("# T\n\n**{label}:** checkout, payments\n\nx\n"));
            assert_eq!(got.first().map(|g| g.0), Some(MetaKey::Services), "{label}");
        }
        // A sentence after the label is no list of systems.
        let got = meta(
            "# T\n\n**Sistema:** reiniciamos el pool de trabajadores y volvió a funcionar.\n\nx\n",
        );
        assert_ne!(got.first().map(|g| g.0), Some(MetaKey::Services));
        // Other words beside the noun make another label.
        for label in [
            "System prompt",
            "Service level",
            "Module path",
            "Affected users",
        ] {
            let got = meta(&format!("# T\n\n**{label}:** something\n\nx\n"));
            assert_ne!(got.first().map(|g| g.0), Some(MetaKey::Services), "{label}");
        }
    }

    #[test]
    fn table_rows_and_one_line_metadata() {
        let got = meta(
            "# T\n\n| Field | Value |\n|---|---|\n| Date | 2026-01-29 |\n| Outcome | failed |\n",
        );
        assert_eq!(
            got,
            vec![
                (MetaKey::Date, "2026-01-29".into(), true),
                (MetaKey::Ignored, "failed".into(), true)
            ]
        );
        let got = meta("# T\n\n**Date:** 2026-07-11 | **Severity:** SEV2\n");
        assert_eq!(got[1], (MetaKey::Severity, "SEV2".into(), true));
    }

    #[test]
    fn section_words_are_not_metadata_without_a_value_of_that_kind() {
        assert_eq!(
            meta_key("fix applied", "(`src/database/session.py`):"),
            None
        );
        assert_eq!(
            meta_key("fix applied", "January 2025"),
            Some(MetaKey::LaterDate)
        );
        assert_eq!(meta_key("date", "TBD"), None);
    }
}
