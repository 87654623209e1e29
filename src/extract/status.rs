//! Status and severity words as written ("✅ FULLY OPERATIONAL", "SEV-2",
//! "Very High", "P1") → the normalized values of the SPEC, and where in a
//! report to look for them.

use super::document::Document;
use super::markdown::Kind;
use super::metadata::{Entry, MetaKey};
use super::text::clean_heading;
use super::word_regex::WordRegex;
use crate::extract::per_thread::PerThread;
use crate::source::FrontMatter;
use regex::Regex;

/// Status vocabulary: the first phrase found (by position) decides.
///
/// A phrase that starts earlier wins, so "Analysis complete" (the
/// investigation is done, not the fix) is read before "complete", and
/// "not yet deployed" before "deployed".
const STATUS_WORDS: &[(&str, &str)] = &[
    (
        "resolved",
        r"resolved|fixed|complete(d)?|closed|done|fully operational|operational|production ready|live|success(ful)?|restored|recovered|permanent fix|implemented|deployed|merged|shipped",
    ),
    (
        "mitigated",
        r"mitigated|workaround|partially (resolved|fixed)|contained",
    ),
    (
        "monitoring",
        r"monitoring|awaiting|pending (deployment|verification|review|release)|observing|watching|verifying|deployment required|ready for (\w+ )?(testing|tests|review|deployment|deploy|verification|validation|merge|release|qa)",
    ),
    (
        "investigating",
        r"investigating|under investigation|in progress|ongoing|identified|triaging|(analysis|investigation|diagnosis|rca|root cause analysis|triage) (is )?(complete|completed|done|finished)",
    ),
    (
        "open",
        r"open|unresolved|active|not (yet )?(fixed|resolved|implemented|deployed|applied)|todo|new",
    ),
];

/// A vocabulary compiled once: each row's words as one case-insensitive
/// whole-word regex. The row whose words appear first in a text wins.
#[derive(Clone)]
struct Vocabulary(Vec<(&'static str, Regex)>);

impl Vocabulary {
    fn new(rows: &[(&'static str, &str)]) -> Self {
        Vocabulary(
            rows.iter()
                .map(|(value, pat)| {
                    (
                        *value,
                        Regex::new(&format!(r"(?i)(?-u:\b)({pat})(?-u:\b)"))
                            .expect("vocabulary regex"),
                    )
                })
                .collect(),
        )
    }

    fn first(&self, text: &str) -> Option<&'static str> {
        self.first_match(text).map(|(v, _)| v)
    }

    /// The value whose words appear first, and the words as written.
    fn first_match<'t>(&self, text: &'t str) -> Option<(&'static str, &'t str)> {
        self.0
            .iter()
            .filter_map(|(value, re)| {
                re.find_iter(text)
                    .find(|m| !hedged(text, m.start(), m.end()))
                    .map(|m| (m.start(), *value, m.as_str()))
            })
            .min_by_key(|(pos, _, _)| *pos)
            .map(|(_, v, words)| (v, words))
    }

    fn matches(&self, value: &str, text: &str) -> bool {
        self.0.iter().any(|(v, re)| {
            *v == value
                && re
                    .find_iter(text)
                    .any(|m| !hedged(text, m.start(), m.end()))
        })
    }
}

/// A word a hyphen ties to a word before it ("non-critical",
/// "semi-resolved", "un-fixed") or to a hedging ending ("fixed-ish",
/// "resolved-like") says less than the word, or its opposite: it is not
/// that word. Compounds that keep the word's sense come after it
/// ("low-impact", "high-priority") and stay.
fn hedged(text: &str, start: usize, end: usize) -> bool {
    let word_before = text[..start]
        .strip_suffix('-')
        .and_then(|t| t.chars().next_back())
        .is_some_and(char::is_alphanumeric);
    let hedge_after = text[end..].strip_prefix('-').is_some_and(|rest| {
        let ending: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        matches!(ending.as_str(), "ish" | "like" | "esque")
    });
    word_before || hedge_after
}

static STATUS_TABLE: PerThread<Vocabulary> = PerThread::new(|| Vocabulary::new(STATUS_WORDS));

/// Status values in other languages, read when a field's value starts
/// with one (or names one a few words in, see `foreign_value`): the
/// languages of `languages`. Most are not ASCII-bounded words, so they are
/// compared whole rather than searched for. Greek is written without its
/// accents here: the text is compared with its accents folded away
/// (`fold_greek`), as capitals write it.
const FOREIGN_STATUS: &[(&str, &str)] = &[
    ("resuelto", "resolved"),
    ("resuelta", "resolved"),
    ("solucionado", "resolved"),
    ("cerrado", "resolved"),
    ("resolvido", "resolved"),
    ("fechado", "resolved"),
    ("gelöst", "resolved"),
    ("behoben", "resolved"),
    ("erledigt", "resolved"),
    ("abgeschlossen", "resolved"),
    ("résolu", "resolved"),
    ("résolue", "resolved"),
    ("corrigé", "resolved"),
    ("clos", "resolved"),
    ("решено", "resolved"),
    ("решён", "resolved"),
    ("решен", "resolved"),
    ("исправлено", "resolved"),
    ("закрыт", "resolved"),
    ("закрыто", "resolved"),
    ("đã giải quyết", "resolved"),
    ("đã khắc phục", "resolved"),
    ("đã xử lý", "resolved"),
    ("đã sửa", "resolved"),
    ("đã được sửa", "resolved"),
    ("已解决", "resolved"),
    ("已解決", "resolved"),
    ("已修复", "resolved"),
    ("已修復", "resolved"),
    ("已关闭", "resolved"),
    ("解決済み", "resolved"),
    ("解決済", "resolved"),
    ("対応済み", "resolved"),
    ("修正済み", "resolved"),
    ("완료", "resolved"),
    ("해결됨", "resolved"),
    ("해결 완료", "resolved"),
    // Done and fixed: Spanish, Portuguese, Italian, French, Russian,
    // Czech, Polish, Dutch, Turkish.
    ("hecho", "resolved"),
    ("completado", "resolved"),
    ("terminado", "resolved"),
    ("arreglado", "resolved"),
    ("corregido", "resolved"),
    ("corrigido", "resolved"),
    ("corrigida", "resolved"),
    ("concluído", "resolved"),
    ("concluido", "resolved"),
    ("correção implementada", "resolved"),
    ("risolto", "resolved"),
    ("risolta", "resolved"),
    ("chiuso", "resolved"),
    ("terminé", "resolved"),
    ("fermé", "resolved"),
    ("выполнено", "resolved"),
    ("завершено", "resolved"),
    ("vyřešeno", "resolved"),
    ("opraveno", "resolved"),
    ("rozwiązany", "resolved"),
    ("rozwiązane", "resolved"),
    ("naprawiony", "resolved"),
    ("opgelost", "resolved"),
    ("çözüldü", "resolved"),
    // Ukrainian, Swedish, Norwegian, Danish, Indonesian, and more forms
    // of Polish, Italian, Turkish and Dutch.
    ("виправлено", "resolved"),
    ("вирішено", "resolved"),
    ("закрито", "resolved"),
    ("усунено", "resolved"),
    ("löst", "resolved"),
    ("åtgärdat", "resolved"),
    ("åtgärdad", "resolved"),
    ("stängd", "resolved"),
    ("stängt", "resolved"),
    ("løst", "resolved"),
    ("fikset", "resolved"),
    ("lukket", "resolved"),
    ("rettet", "resolved"),
    ("selesai", "resolved"),
    ("teratasi", "resolved"),
    ("diperbaiki", "resolved"),
    ("terselesaikan", "resolved"),
    ("naprawione", "resolved"),
    ("naprawiona", "resolved"),
    ("naprawiono", "resolved"),
    ("zamknięty", "resolved"),
    ("zamknięte", "resolved"),
    ("rozwiązana", "resolved"),
    ("sistemato", "resolved"),
    ("corretto", "resolved"),
    ("düzeltildi", "resolved"),
    ("kapatıldı", "resolved"),
    ("verholpen", "resolved"),
    ("gesloten", "resolved"),
    ("完了", "resolved"),
    // A fix or a response done: "修正完了", "対応完了", "修复完成".
    ("修正完了", "resolved"),
    ("対応完了", "resolved"),
    ("復旧完了", "resolved"),
    ("修复完成", "resolved"),
    ("修復完成", "resolved"),
    ("已完成", "resolved"),
    ("수정 완료", "resolved"),
    // Romanian, Hungarian, Greek, Finnish, Arabic, Hebrew, Thai.
    ("rezolvat", "resolved"),
    ("rezolvată", "resolved"),
    ("remediat", "resolved"),
    ("corectat", "resolved"),
    ("închis", "resolved"),
    ("megoldva", "resolved"),
    ("megoldott", "resolved"),
    ("javítva", "resolved"),
    ("lezárva", "resolved"),
    ("επιλυθηκε", "resolved"),
    ("επιλυμενο", "resolved"),
    ("διορθωθηκε", "resolved"),
    ("ολοκληρωθηκε", "resolved"),
    ("κλειστο", "resolved"),
    ("korjattu", "resolved"),
    ("ratkaistu", "resolved"),
    ("suljettu", "resolved"),
    ("تم الحل", "resolved"),
    ("تم الإصلاح", "resolved"),
    ("محلولة", "resolved"),
    ("مغلق", "resolved"),
    ("נפתר", "resolved"),
    ("תוקן", "resolved"),
    ("סגור", "resolved"),
    ("แก้ไขแล้ว", "resolved"),
    ("เสร็จสิ้น", "resolved"),
    ("în investigare", "investigating"),
    ("în curs de investigare", "investigating"),
    ("vizsgálat alatt", "investigating"),
    ("υπο διερευνηση", "investigating"),
    ("tutkitaan", "investigating"),
    ("selvityksessä", "investigating"),
    ("under utredning", "investigating"),
    ("utredes", "investigating"),
    ("قيد التحقيق", "investigating"),
    ("בבדיקה", "investigating"),
    ("בחקירה", "investigating"),
    ("กำลังตรวจสอบ", "investigating"),
    ("în monitorizare", "monitoring"),
    ("megfigyelés alatt", "monitoring"),
    ("υπο παρακολουθηση", "monitoring"),
    ("seurannassa", "monitoring"),
    ("قيد المراقبة", "monitoring"),
    ("במעקב", "monitoring"),
    ("deschis", "open"),
    ("nyitott", "open"),
    ("ανοιχτο", "open"),
    ("avoin", "open"),
    ("مفتوح", "open"),
    ("פתוח", "open"),
    ("mitigato", "mitigated"),
    ("пом'якшено", "mitigated"),
    ("in monitoraggio", "monitoring"),
    ("під наглядом", "monitoring"),
    ("моніторинг", "monitoring"),
    ("övervakas", "monitoring"),
    ("dipantau", "monitoring"),
    ("розслідується", "investigating"),
    ("undersöks", "investigating"),
    ("diselidiki", "investigating"),
    ("відкрито", "open"),
    ("öppen", "open"),
    ("öppet", "open"),
    ("åpen", "open"),
    ("åben", "open"),
    ("terbuka", "open"),
    ("otwarte", "open"),
    ("açık", "open"),
    ("mitigado", "mitigated"),
    ("mitigada", "mitigated"),
    ("entschärft", "mitigated"),
    ("atténué", "mitigated"),
    ("en observación", "monitoring"),
    ("en monitoreo", "monitoring"),
    ("em monitoramento", "monitoring"),
    ("überwachung", "monitoring"),
    ("sous surveillance", "monitoring"),
    ("мониторинг", "monitoring"),
    ("đang theo dõi", "monitoring"),
    ("监控中", "monitoring"),
    ("観察中", "monitoring"),
    ("監視中", "monitoring"),
    ("모니터링", "monitoring"),
    ("en investigación", "investigating"),
    ("investigando", "investigating"),
    ("em investigação", "investigating"),
    ("in untersuchung", "investigating"),
    ("en cours d'investigation", "investigating"),
    // In progress, ongoing: as English "in progress", still investigated.
    ("en cours", "investigating"),
    ("en curso", "investigating"),
    ("en progreso", "investigating"),
    ("em andamento", "investigating"),
    ("em progresso", "investigating"),
    ("in corso", "investigating"),
    ("in bearbeitung", "investigating"),
    ("в процессе", "investigating"),
    ("в работе", "investigating"),
    ("в процесі", "investigating"),
    ("w toku", "investigating"),
    ("w trakcie", "investigating"),
    ("in behandeling", "investigating"),
    ("devam ediyor", "investigating"),
    // Root cause found, the fix still to be decided: as English
    // "identified".
    ("kök neden bulundu", "investigating"),
    ("kök neden doğrulandı", "investigating"),
    ("kök neden belirlendi", "investigating"),
    ("bekliyor", "open"),
    ("beklemede", "open"),
    ("inceleniyor", "investigating"),
    ("araştırılıyor", "investigating"),
    ("probíhá", "investigating"),
    ("pågår", "investigating"),
    ("pågående", "investigating"),
    ("i gang", "investigating"),
    ("sedang berlangsung", "investigating"),
    ("dalam proses", "investigating"),
    ("folyamatban", "investigating"),
    ("în curs", "investigating"),
    ("käynnissä", "investigating"),
    ("đang xử lý", "investigating"),
    ("处理中", "investigating"),
    ("進行中", "investigating"),
    ("対応中", "investigating"),
    ("진행 중", "investigating"),
    ("처리 중", "investigating"),
    ("در حال بررسی", "investigating"),
    ("در حال انجام", "investigating"),
    ("قيد المعالجة", "investigating"),
    ("בטיפול", "investigating"),
    ("กำลังดำเนินการ", "investigating"),
    ("расследуется", "investigating"),
    ("đang điều tra", "investigating"),
    ("调查中", "investigating"),
    ("調査中", "investigating"),
    ("조사 중", "investigating"),
    ("abierto", "open"),
    ("aperto", "open"),
    ("otevřeno", "open"),
    ("otwarty", "open"),
    ("aberto", "open"),
    ("offen", "open"),
    // A fix still needed: "KRITISCH - Fix erforderlich".
    ("fix erforderlich", "open"),
    ("behebung erforderlich", "open"),
    ("korrektur erforderlich", "open"),
    ("ouvert", "open"),
    ("открыт", "open"),
    ("открыто", "open"),
    ("đang mở", "open"),
    ("未解决", "open"),
    ("未解決", "open"),
    ("未対応", "open"),
    ("미해결", "open"),
];

/// Severity values in the same languages.
const FOREIGN_SEVERITY: &[(&str, &str)] = &[
    ("crítico", "critical"),
    ("crítica", "critical"),
    ("critico", "critical"),
    ("critica", "critical"),
    ("critique", "critical"),
    ("kritisch", "critical"),
    ("критический", "critical"),
    ("критичный", "critical"),
    ("критическая", "critical"),
    ("nghiêm trọng", "critical"),
    ("严重", "critical"),
    ("致命", "critical"),
    ("緊急", "critical"),
    ("긴급", "critical"),
    ("치명적", "critical"),
    ("kritisk", "critical"),
    ("критичний", "critical"),
    ("критична", "critical"),
    ("kritis", "critical"),
    ("krytyczny", "critical"),
    ("krytyczna", "critical"),
    ("kritiek", "critical"),
    ("kritik", "critical"),
    ("kritický", "critical"),
    ("kritická", "critical"),
    ("hög", "high"),
    ("høy", "high"),
    ("høj", "high"),
    ("високий", "high"),
    ("висока", "high"),
    ("tinggi", "high"),
    ("wysoki", "high"),
    ("wysoka", "high"),
    ("hoog", "high"),
    ("yüksek", "high"),
    ("vysoký", "high"),
    ("vysoká", "high"),
    ("medel", "medium"),
    ("middels", "medium"),
    ("mellem", "medium"),
    ("середній", "medium"),
    ("середня", "medium"),
    ("sedang", "medium"),
    ("średni", "medium"),
    ("średnia", "medium"),
    ("gemiddeld", "medium"),
    ("orta", "medium"),
    ("střední", "medium"),
    ("critic", "critical"),
    ("critică", "critical"),
    ("kritikus", "critical"),
    ("blokkoló", "critical"),
    ("κρισιμο", "critical"),
    ("κρισιμη", "critical"),
    ("kriittinen", "critical"),
    ("حرج", "critical"),
    ("حرجة", "critical"),
    ("קריטי", "critical"),
    ("קריטית", "critical"),
    ("วิกฤต", "critical"),
    ("ridicat", "high"),
    ("ridicată", "high"),
    ("magas", "high"),
    ("υψηλη", "high"),
    ("υψηλο", "high"),
    ("korkea", "high"),
    ("عالية", "high"),
    ("عالي", "high"),
    ("גבוהה", "high"),
    ("גבוה", "high"),
    ("mediu", "medium"),
    ("medie", "medium"),
    ("közepes", "medium"),
    ("μεσαια", "medium"),
    ("keskitaso", "medium"),
    ("متوسطة", "medium"),
    ("متوسط", "medium"),
    ("בינונית", "medium"),
    ("ปานกลาง", "medium"),
    ("scăzut", "low"),
    ("scăzută", "low"),
    ("alacsony", "low"),
    ("χαμηλη", "low"),
    ("matala", "low"),
    ("منخفضة", "low"),
    ("منخفض", "low"),
    ("נמוכה", "low"),
    ("låg", "low"),
    ("lav", "low"),
    ("низький", "low"),
    ("низька", "low"),
    ("rendah", "low"),
    ("niski", "low"),
    ("niska", "low"),
    ("laag", "low"),
    ("düşük", "low"),
    ("nízký", "low"),
    ("nízká", "low"),
    ("alta", "high"),
    ("alto", "high"),
    ("élevée", "high"),
    ("élevé", "high"),
    ("haute", "high"),
    ("elevata", "high"),
    ("hoch", "high"),
    ("высокий", "high"),
    ("высокая", "high"),
    ("cao", "high"),
    ("高", "high"),
    ("높음", "high"),
    ("media", "medium"),
    ("medio", "medium"),
    ("média", "medium"),
    ("médio", "medium"),
    ("moyenne", "medium"),
    ("moyen", "medium"),
    ("mittel", "medium"),
    ("средний", "medium"),
    ("средняя", "medium"),
    ("trung bình", "medium"),
    ("中", "medium"),
    ("中等", "medium"),
    ("보통", "medium"),
    ("중간", "medium"),
    ("baja", "low"),
    ("bajo", "low"),
    ("baixa", "low"),
    ("baixo", "low"),
    ("faible", "low"),
    ("basse", "low"),
    ("niedrig", "low"),
    ("низкий", "low"),
    ("низкая", "low"),
    ("thấp", "low"),
    ("低", "low"),
    ("낮음", "low"),
];

/// The value of the first `table` phrase that `text` starts with, as a
/// whole word (a Chinese or Japanese phrase of two or more characters may
/// run on into the next), or that starts one of its next three words.
fn foreign_value(text: &str, table: &[(&str, &'static str)]) -> Option<&'static str> {
    let clean = fold_greek(&super::text::lower(&clean_heading(text))).into_owned();
    let whole = foreign_at(&clean, table);
    // Japanese and Chinese list states with their own separators and no
    // spaces ("修正完了・監視中"): each part is read, and a fix done with
    // its outcome still watched is being monitored, as in English. Other
    // scripts keep to the reading below, which minds negations.
    let cjk = clean.chars().any(|c| c as u32 >= 0x2E80);
    let parts: Vec<&'static str> = if cjk {
        clean
            .split(['・', '、', '，', '／', '/', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .filter_map(|p| foreign_at(p, table))
            .collect()
    } else {
        Vec::new()
    };
    if parts.contains(&"resolved") && parts.contains(&"monitoring") {
        return Some("monitoring");
    }
    if let Some(v) = whole.or_else(|| parts.first().copied()) {
        return Some(v);
    }
    // What is done may be named first: "kod naprawiony" (code fixed),
    // "бот виправлено". A few words in, and never after a negation
    // ("nie naprawiony", "не виправлено").
    let words: Vec<(usize, &str)> = clean
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - clean.as_ptr() as usize, w))
        .take(4)
        .collect();
    for pair in words.windows(2) {
        let ((_, prev), (start, _)) = (pair[0], pair[1]);
        if NEGATIONS.contains(&prev) {
            return None;
        }
        if let Some(v) = foreign_at(&clean[start..], table) {
            // "Partiellement résolu", as "Partially resolved": mitigated.
            if v == "resolved" && PARTLY.contains(&prev) {
                return Some("mitigated");
            }
            return Some(v);
        }
    }
    None
}

/// Words that make a resolution partial.
const PARTLY: &[&str] = &[
    "partiellement",
    "parcialmente",
    "teilweise",
    "частично",
    "частково",
    "częściowo",
    "parzialmente",
    "gedeeltelijk",
    "delvis",
    "kısmen",
    "sebagian",
    "částečně",
    "parțial",
    "parţial",
    "részben",
    "μερικως",
    "osittain",
    "חלקית",
    "جزئيا",
    "جزئياً",
];

/// Words that turn a status word around when they come before it: "not"
/// and "without" ("sin resolver"). "Still" is no negation: "noch offen"
/// is open.
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "non",
    "nicht",
    "kein",
    "pas",
    "ne",
    "не",
    "ні",
    "nie",
    "niet",
    "ej",
    "inte",
    "ikke",
    "chưa",
    "không",
    "belum",
    "tidak",
    "değil",
    "sin",
    "sans",
    "senza",
    "sem",
    "ohne",
    "без",
    "bez",
    "tanpa",
    "zonder",
    "utan",
    "uden",
    "uten",
    "nu",
    "nem",
    "nincs",
    "δεν",
    "μη",
    "οχι",
    "ei",
    "لا",
    "لم",
    "غير",
    "ليس",
    "לא",
    "טרם",
    "ยังไม่",
];

/// The table's value of a phrase `clean` starts with.
fn foreign_at(clean: &str, table: &[(&str, &'static str)]) -> Option<&'static str> {
    table.iter().find_map(|(phrase, value)| {
        let rest = clean.strip_prefix(phrase)?;
        // "解決済み（…）" runs on; a one-character "中" in "中断" does not.
        let runs_on = phrase.chars().count() > 1
            && phrase
                .chars()
                .next_back()
                .is_some_and(|c| c as u32 >= 0x2E80 || is_thai(c));
        (runs_on || !rest.starts_with(|c: char| c.is_alphanumeric())).then_some(*value)
    })
}

/// Greek without its accents: capitals drop them ("ΕΠΙΛΥΘΗΚΕ"), so the
/// lower-cased text may lack what the table writes.
pub fn fold_greek(s: &str) -> std::borrow::Cow<'_, str> {
    const ACCENTED: &[(char, char)] = &[
        ('ά', 'α'),
        ('έ', 'ε'),
        ('ή', 'η'),
        ('ί', 'ι'),
        ('ό', 'ο'),
        ('ύ', 'υ'),
        ('ώ', 'ω'),
        ('ΐ', 'ι'),
        ('ΰ', 'υ'),
        ('ϊ', 'ι'),
        ('ϋ', 'υ'),
    ];
    if !s.chars().any(|c| ACCENTED.iter().any(|(a, _)| *a == c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| {
            ACCENTED
                .iter()
                .find(|(a, _)| *a == c)
                .map_or(c, |(_, plain)| *plain)
        })
        .collect()
}

/// Thai is written without spaces between words, as Chinese is.
fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Normalizes a status as written; `None` when no known word is in it.
pub fn normalize_status(text: &str) -> Option<&'static str> {
    let text = checked_choice(text)?;
    let Some((value, words)) = STATUS_TABLE.first_match(text) else {
        return foreign_value(text, FOREIGN_STATUS);
    };
    // A change made with its outcome not yet confirmed ("Fix implemented,
    // awaiting verification") is being monitored.
    let change_made = ["implemented", "deployed", "merged", "shipped"]
        .iter()
        .any(|w| words.eq_ignore_ascii_case(w));
    if value == "resolved" && change_made && STATUS_TABLE.matches("monitoring", text) {
        return Some("monitoring");
    }
    Some(value)
}

static SEV_LEVEL: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b(?:sev(?:erity)?|p|priority)[ -]?([0-5])\b").expect("sev regex")
});

const SEVERITY_WORDS: &[(&str, &str)] = &[
    // Status pages grade by what users saw: down (cState), disrupted or
    // degraded, a notice.
    (
        "critical",
        r"critical|blocker|very high|highest|urgent|emergency|catastrophic|down",
    ),
    ("high", r"high|major|severe|important"),
    (
        "medium",
        r"medium|moderate|normal|minor-major|disrupted|degraded|partial[ _-]outage",
    ),
    ("low", r"low|minor|trivial|lowest|cosmetic|notice"),
];

static SEVERITY_TABLE: PerThread<Vocabulary> = PerThread::new(|| Vocabulary::new(SEVERITY_WORDS));

/// SEV0/SEV1/P0/P1 → critical, SEV2/P2 → high, SEV3/P3 → medium,
/// SEV4/P4 and below → low; words by the table above.
pub fn normalize_severity(text: &str) -> Option<&'static str> {
    let text = checked_choice(text)?;
    if let Some(c) = SEV_LEVEL.captures(text) {
        return Some(match &c[1] {
            "0" | "1" => "critical",
            "2" => "high",
            "3" => "medium",
            _ => "low",
        });
    }
    SEVERITY_TABLE
        .first(text)
        .or_else(|| foreign_value(text, FOREIGN_SEVERITY))
}

/// A value written as a row of check boxes, as issue templates ask for
/// one ("[ ] Critical | [x] High | [ ] Low"): the option ticked, or `None`
/// when none is. Text without boxes comes back whole.
pub fn checked_choice(text: &str) -> Option<&str> {
    const BOXES: [&str; 4] = ["[ ]", "[x]", "[X]", "[✓]"];
    // Every box opens with `[`: most values have none.
    if memchr::memchr(b'[', text.as_bytes()).is_none() {
        return Some(text);
    }
    let first_box = BOXES.iter().filter_map(|b| text.find(b)).min();
    let Some(first_box) = first_box else {
        return Some(text);
    };
    // Only a row of boxes: a status that mentions "[x]" in passing is text.
    if !text[..first_box].trim().is_empty() {
        return Some(text);
    }
    let ticked = ["[x]", "[X]", "[✓]"]
        .iter()
        .filter_map(|b| text.find(b).map(|at| at + b.len()))
        .min()?;
    let rest = &text[ticked..];
    let end = rest.find(['[', '|', '\n']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// The statuses a report can be given, as `check` lists them.
pub const STATUS_VALUES: &str = "resolved, mitigated, monitoring, investigating or open";

/// The severities a report can be given, as `check` lists them.
pub const SEVERITY_VALUES: &str = "critical, high, medium or low (or SEV0–SEV4, P0–P4)";

/// Why a written status was not read, and what would be.
pub fn unknown_status_message(written: &str) -> String {
    format!(
        "status `{}` is not one incidex knows, so the incident has none; write {STATUS_VALUES}",
        clean_heading(written)
    )
}

/// Why a written severity was not read, and what would be.
pub fn unknown_severity_message(written: &str) -> String {
    format!(
        "severity `{}` is not one incidex knows, so the incident has none; write {SEVERITY_VALUES}",
        clean_heading(written)
    )
}

/// Whether a field's value says something (not "TBD", "n/a", "-").
pub fn is_a_value(value: &str) -> bool {
    !PLACEHOLDER.is_match(value) && !clean_heading(value).is_empty()
}

/// Entries of one key in the order they are trusted: the report's header,
/// then its closing block, then anywhere.
fn trusted<'a>(meta: &'a [Entry], key: MetaKey) -> impl Iterator<Item = &'a Entry> + 'a {
    let of_key = move |e: &&Entry| e.key == key;
    let header = meta.iter().filter(of_key).filter(|e| e.in_header);
    let trailer = meta
        .iter()
        .filter(of_key)
        .filter(|e| e.in_trailer && !e.in_header);
    let rest = meta
        .iter()
        .filter(of_key)
        .filter(|e| !e.in_header && !e.in_trailer);
    header.chain(trailer).chain(rest)
}

/// `[RESOLVED ✅]`, `(Mitigated)` tags and "Status: …" in a title.
static TITLE_STATUS: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\[([^\[\]]{1,40})\]|\(([^()]{1,40})\)|(?-u:\b)status\s*[:\-–—]\s*(.{1,40})$")
        .expect("title status regex")
});

/// "Crash Fix: X Resolution", "Region Mismatch - FIXED": a title that
/// reports a fix that was made.
static TITLE_RESOLVED: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(?-u:\b)(fix|fixes|fixed|resolution|resolved)(?-u:\b)")
        .expect("title resolved regex")
});

/// Values that say nothing yet.
static PLACEHOLDER: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^\W*(tbd|tba|n/?a|none|unknown|pending|not yet|-+|\?+)?\W*$")
        .expect("placeholder regex")
});

/// A status page's incident still going on (`resolved: false`): its
/// updates may say how far it got ("monitoring"), never that it is over.
pub fn still_open(fm: &FrontMatter) -> bool {
    fm.get("resolved")
        .is_some_and(|v| matches!(v, serde_yaml::Value::Bool(false)))
}

/// The status and the words it was read from. Sources in order: front
/// matter `status`; the first `Status:` line (header, closing block, then
/// anywhere) with a known word; a status tag in the title; a
/// "Resolution: …" / "Time to resolve: …" line; and, only when the report
/// writes no status at all, fix words in the title. A status written
/// with no known word gives no status: it is never guessed.
pub fn find_status(
    fm: &FrontMatter,
    meta: &[Entry],
    title: &str,
) -> (Option<&'static str>, Option<String>) {
    let (status, text) = written_status(fm, meta, title);
    // A status page's flag says the incident goes on, whatever a title
    // ("Fix for login failures rolling out") or a line says was fixed.
    match status {
        Some("resolved") if still_open(fm) => (Some("open"), text),
        _ => (status, text),
    }
}

fn written_status(
    fm: &FrontMatter,
    meta: &[Entry],
    title: &str,
) -> (Option<&'static str>, Option<String>) {
    let text_of = |s: &str| Some(clean_heading(s)).filter(|t| !t.is_empty());
    if let Some(written) = fm.string("status") {
        let text = text_of(&written);
        return (text.as_deref().and_then(normalize_status), text);
    }
    // Status pages (cState and its kin) mark an incident `resolved: true`
    // (and one still going on `resolved: false`: see `still_open`).
    if fm
        .get("resolved")
        .is_some_and(|v| matches!(v, serde_yaml::Value::Bool(true)))
    {
        return (Some("resolved"), None);
    }
    let written: Vec<String> = trusted(meta, MetaKey::Status)
        .filter_map(|e| text_of(&e.value))
        .collect();
    if let Some((status, text)) = written
        .iter()
        .find_map(|t| normalize_status(t).map(|s| (s, t)))
    {
        return (Some(status), Some(text.clone()));
    }
    let first_written = written.into_iter().next();
    for c in TITLE_STATUS.captures_iter(title) {
        let Some(tag) = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)) else {
            continue;
        };
        if let Some(status) = normalize_status(tag.as_str()) {
            return (
                Some(status),
                first_written.or_else(|| text_of(tag.as_str())),
            );
        }
    }
    let resolution = trusted(meta, MetaKey::Resolution)
        .filter(|e| e.in_header || e.in_trailer || e.label.contains("time"))
        .find(|e| !PLACEHOLDER.is_match(&e.value));
    if let Some(e) = resolution {
        return (
            Some(normalize_status(&e.value).unwrap_or("resolved")),
            first_written,
        );
    }
    if first_written.is_none() && TITLE_RESOLVED.is_match(title) {
        return (Some("resolved"), None);
    }
    (None, first_written)
}

/// Prose that says the incident is over: "service was restored", "the
/// issue has been resolved", "back to normal".
static OVER: PerThread<WordRegex> = PerThread::new(|| {
    WordRegex::new(r"(?i)\b(?:was|were|has been|have been|had been|is now|are now|got|been)\s+(?:fully\s+|completely\s+|successfully\s+)?(?:resolved|fixed|patched|restored|recovered|mitigated|remediated|revoked)\b|\b(?:service|services|access|functionality|operations?|the site|everything)\s+(?:was\s+|were\s+|is\s+)?(?:restored|back (?:up|online|to normal))\b|\b(?:system|systems|server|servers|site|sites)\s+(?:were\s+|was\s+|are\s+|is\s+)?back (?:up|online)\b|\bcame back (?:up|online)\b|\bincident (?:fully )?resolved\b|\bback to normal\b|\bfully (?:recovered|operational)\b|\b(?:has|have) (?:worked|been working|run|been running|operated|been operating) (?:normally|as expected|without (?:issues|errors|problems|incident)) (?:since|ever since)\b|\b(?:is|are) (?:working|operating|running) normally again\b|\bincident (?:is|was) (?:closed|over|resolved)\b|\b(?:resolved|restored|recovered|fixed) (?:at|on|by|within|after) \d|\bj[áa] (?:corrigimos|resolvemos|foi (?:corrigid|resolvid)[oa]|est[áa] (?:corrigid|resolvid)[oa])|\b(?:foi|foram) (?:corrigid|resolvid|solucionad)[oa]s?\b|\b(?:fue|fueron|ha sido|han sido|ya est[áa]n?) (?:corregid|resuelt|solucionad|arreglad)[oa]s?\b|\b(?:a|ont) [ée]t[ée] (?:corrig[ée]|r[ée]solu)|\b(?:wurde|wurden|ist|sind) (?:jetzt |nun |inzwischen )?(?:behoben|gel[öo]st|korrigiert)\b")
        .expect("over regex")
});

/// A past window with its end, told as what happened in it ("Between
/// 21:27 UTC and 07:27 UTC hex.pm was running with expired certificates",
/// "From 10:05 to 10:45 checkout returned errors"): the outage ended. Not
/// in a timeline or an action item, where a window is one step. Its
/// words are English and it counts bytes (300, about 150 characters of
/// typographic prose): ASCII classes keep it to half a millisecond to
/// build (with Unicode classes 150 bounded repeats took 46 ms, paid by
/// every run of the program).
static ENDED_WINDOW: PerThread<regex::bytes::Regex> = PerThread::new(|| {
    regex::bytes::RegexBuilder::new(r"(?i)(?-u:\b)(?:between|from)\s+(?:approximately\s+|about\s+|roughly\s+|around\s+)?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?:\s*(?:utc|gmt|[ap]m|[a-z]{2,3}t))?\s+(?:and|to|until|through)\s+(?:approximately\s+|about\s+|roughly\s+|around\s+)?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?-u:\b)(?:[^.\n]|\.\w){0,300}?(?-u:\b)(?:was|were|had|experienced|returned|saw|could not|couldn't|failed|did not|didn't)(?-u:\b)")
        .unicode(false)
        .build()
        .expect("ended window regex")
});

/// `ENDED_WINDOW` on the text with its non-breaking spaces as spaces
/// (copied clock times put U+202F before "AM").
fn ended_window(text: &str) -> bool {
    if text.contains(['\u{a0}', '\u{202f}']) {
        let spaced = text.replace(['\u{a0}', '\u{202f}'], " ");
        return ENDED_WINDOW.is_match(spaced.as_bytes());
    }
    ENDED_WINDOW.is_match(text.as_bytes())
}

/// Prose that says it is not: "still investigating", "root cause unknown".
static NOT_OVER: PerThread<WordRegex> = PerThread::new(|| {
    WordRegex::new(r"(?i)\bstill (?:investigating|under investigation|open|ongoing|occurring|happening|failing|broken)\b|\b(?:is|remains) (?:unresolved|ongoing|under investigation|not (?:yet )?(?:resolved|fixed))\b|\broot cause (?:is |remains )?(?:still )?(?:unknown|unclear|not (?:yet )?(?:known|identified|found|confirmed))\b|\bno fix (?:yet|has been)\b|\bnot yet (?:resolved|fixed|known)\b|\b(?:n[ãa]o|no) (?:foi|foram|fue|fueron|ha sido|han sido|est[áa]n?) (?:corrigid|resolvid|solucionad|corregid|resuelt|arreglad)[oa]s?\b")
        .expect("not-over regex")
});

/// "We will continue to investigate": the investigation goes on, said in
/// the present; not in a timeline (a step of the story) or an action
/// item ("continue to investigate ways to improve alerting").
static STILL_INVESTIGATING: PerThread<WordRegex> = PerThread::new(|| {
    WordRegex::new(r"(?i)\b(?:continue|continues|continuing) to investigate\b|\binvestigation (?:is )?(?:ongoing|continues|still underway)\b")
        .expect("still-investigating regex")
});

/// What a report's prose says of the incident: that it is over ("service
/// was restored"), that it goes on ("still investigating"), both or
/// neither. Code and quoted logs are not prose.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ProseSays {
    pub over: bool,
    pub goes_on: bool,
}

impl ProseSays {
    /// When no field, title tag or resolution line states a status: a
    /// report that says the service was restored and nowhere that the
    /// incident goes on is resolved; one that says it goes on and nowhere
    /// that it ended is under investigation. Anything else stays unknown.
    pub fn status(self) -> Option<&'static str> {
        match (self.over, self.goes_on) {
            (true, false) => Some("resolved"),
            (false, true) => Some("investigating"),
            _ => None,
        }
    }
}

/// A status page's update ("**Monitoring** - A fix has been implemented
/// and we are monitoring the results."): a paragraph opening with a bold
/// stage word and a dash. Statuspage and its kin list updates newest
/// first.
static UPDATE: PerThread<Regex> = PerThread::new(|| {
    let (o, c) = (super::text::STRONG_OPEN, super::text::STRONG_CLOSE);
    Regex::new(&format!(
        r"(?i)^\s*{o}\s*(resolved|completed|monitoring|identified|investigating|in progress|verifying)\s*{c}\s*[-–—]\s"
    ))
    .expect("update regex")
});

/// The status a status page's updates give: resolved once any update says
/// so, else the newest (first) update's stage.
pub fn status_page_updates(doc: &super::document::Document) -> Option<&'static str> {
    let stages: Vec<&'static str> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, super::markdown::Kind::Paragraph))
        .filter_map(|b| UPDATE.captures(&b.marked))
        .map(|c| match c[1].to_ascii_lowercase().as_str() {
            "resolved" | "completed" => "resolved",
            "monitoring" | "verifying" => "monitoring",
            _ => "investigating",
        })
        .collect();
    if stages.contains(&"resolved") {
        return Some("resolved");
    }
    stages.first().copied()
}

/// "was still failing", "were still broken": a step of the story told in
/// the past, not how things stand.
static PAST_STILL: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:was|were|had been|kept)\s+still(?-u:\b)").expect("past still")
});

/// Whether `text` says the incident goes on, in the present.
fn goes_on(text: &str) -> bool {
    if !NOT_OVER.is_match(text) {
        return false;
    }
    if !text.contains("still") {
        return true;
    }
    NOT_OVER.is_match(&PAST_STILL.replace_all(text, "was"))
}

/// Reads the prose until it has said both things, or to its end.
pub fn prose_says(doc: &super::document::Document) -> ProseSays {
    let mut says = ProseSays::default();
    for (i, b) in doc.blocks.iter().enumerate() {
        let prose = match &b.kind {
            super::markdown::Kind::Paragraph | super::markdown::Kind::Item { .. } => !b.quote,
            super::markdown::Kind::Row { header: false, .. } => true,
            _ => false,
        };
        let role = doc.ann[i].role;
        if !prose || role == super::sections::Role::Lessons {
            continue;
        }
        let text = b.text();
        let step = matches!(
            role,
            super::sections::Role::Timeline | super::sections::Role::ActionItems
        );
        // A window holds clock times: most blocks have no colon at all.
        says.over = says.over
            || OVER.is_match(text)
            || !step && text.as_bytes().contains(&b':') && ended_window(text);
        says.goes_on = says.goes_on || goes_on(text) || !step && STILL_INVESTIGATING.is_match(text);
        if says.over && says.goes_on {
            break;
        }
    }
    says
}

/// "Sev1", "SEV-2", "Severity 3" anywhere in the prose: the incident's
/// level as the team declared it.
static SEV_IN_TEXT: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(?-u:\b)sev(?:erity)?[ -]?[0-4](?-u:\b)").expect("sev in text")
});

/// "CRITICAL BUG", "Major outage" in a title.
static TITLE_SEVERITY: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)(?-u:\b)(critical|major|severe|minor|high[- ]severity|low[- ]severity)\s+(?:(?:production|prod|security|data)\s+)?(?:bugs?|issues?|incidents?|outages?|failures?|regressions?|errors?|vulnerabilit(?:y|ies)|problems?|breach)(?-u:\b)")
        .expect("title severity regex")
});

/// The severity. Sources in order: front matter `severity`; the first
/// `Severity:`/`Priority:` line (header, closing block, then anywhere,
/// headings and tables included) with a known word or level; a
/// "Sev1"-style level in the text; a severity word the title gives the
/// incident ("CRITICAL BUG FIXED").
pub fn find_severity(
    fm: &FrontMatter,
    meta: &[Entry],
    doc: &Document,
    title: &str,
) -> Option<&'static str> {
    if let Some(written) = fm.string("severity") {
        return normalize_severity(&written);
    }
    if let Some(s) = trusted(meta, MetaKey::Severity).find_map(|e| normalize_severity(&e.value)) {
        return Some(s);
    }
    let sev_in_text = doc
        .blocks
        .iter()
        .filter(|b| !matches!(b.kind, Kind::Code { .. }))
        // `find`, not `captures`: most blocks have none, and the level is
        // the match's last character.
        .find_map(|b| SEV_IN_TEXT.find(b.text()))
        .and_then(|m| m.as_str().chars().next_back())
        .and_then(|level| normalize_severity(&format!("SEV{level}")));
    sev_in_text
        .or_else(|| {
            TITLE_SEVERITY
                .captures(title)
                .and_then(|c| normalize_severity(&c[1]))
        })
        .or_else(|| {
            TITLE_SEVERITY_OTHER
                .captures(title)
                .and_then(|c| c.get(1).or_else(|| c.get(2)))
                .and_then(|m| grade_word(m.as_str()))
        })
}

/// The grade a word of `TITLE_SEVERITY_OTHER` gives, in any gender and
/// number ("críticos", "critiques", "majeure", "graves").
fn grade_word(word: &str) -> Option<&'static str> {
    let w = super::text::lower(word);
    if w.starts_with("crít") || w.starts_with("crit") || w.starts_with("kritisch") {
        Some("critical")
    } else if w.starts_with("grave") || w.starts_with("majeur") {
        Some("high")
    } else {
        None
    }
}

/// The same in Spanish, Portuguese, French and Italian, which put the
/// grade after the noun ("INCIDENTE CRÍTICO", "Panne majeure"), and in
/// German ("Kritischer Fehler").
static TITLE_SEVERITY_OTHER: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)\b(?:incidentes?|incidencias?|incidents?|fallos?|fallas?|falhas?|errores|erros?|problemas?|probl[èe]mes?|pannes?|erreurs?|guasti|guasto|errori|errore|bugs?)\s+(cr[íi]tic(?:[oaie]s?|he)|critiques?|graves?|majeures?|majeurs?)\b|\b(kritisch)(?:e|er|es|en)?\s+(?:fehler|vorfall|ausfall|st[öo]rung|bug|problem)\b")
        .expect("title severity regex, other languages")
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The text is compared with Greek accents folded away: a table word
    /// written with them would never match.
    #[test]
    fn foreign_words_are_written_as_the_folded_text_reads() {
        let words = FOREIGN_STATUS
            .iter()
            .chain(FOREIGN_SEVERITY)
            .map(|(w, _)| *w)
            .chain(NEGATIONS.iter().copied())
            .chain(PARTLY.iter().copied());
        for w in words {
            assert_eq!(fold_greek(w), w, "{w}");
        }
    }

    fn prose_status_of(md: &str) -> Option<String> {
        let src = crate::source::from_bytes(md.as_bytes(), std::path::Path::new("x.md"), "x.md")
            .expect("read");
        crate::extract::extract(&src, &crate::config::Config::default())
            .incident
            .status
    }

    #[test]
    fn a_title_grades_its_incident_in_either_word_order() {
        let severity = |title: &str| {
            let md = format!("# {title}\n\nThe API was down.\n");
            let src =
                crate::source::from_bytes(md.as_bytes(), std::path::Path::new("x.md"), "x.md")
                    .expect("read");
            crate::extract::extract(&src, &crate::config::Config::default())
                .incident
                .severity
        };
        assert_eq!(
            severity("🚨 INCIDENTE CRÍTICO: login caído").as_deref(),
            Some("critical")
        );
        assert_eq!(
            severity("Kritischer Fehler im Login").as_deref(),
            Some("critical")
        );
        assert_eq!(
            severity("Critical bug in login").as_deref(),
            Some("critical")
        );
        for (title, want) in [
            ("INCIDENTES CRÍTICOS en pagos", "critical"),
            ("Panne majeure du service", "high"),
            ("Fallo grave en el login", "high"),
            ("Errori critici nel login", "critical"),
        ] {
            assert_eq!(severity(title).as_deref(), Some(want), "{title}");
        }
        // A grade word elsewhere in the title grades nothing.
        assert_eq!(
            severity("Problema con el análisis crítico").as_deref(),
            None
        );
        assert_eq!(severity("Login outage").as_deref(), None);
    }

    #[test]
    fn a_past_window_with_its_end_says_it_is_over() {
        let md = "# Expired certificates\n\nBetween approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC pkgs.example.dev and docs.example.dev were serving expired certificates.\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        let md = "# Checkout errors\n\nFrom 10:05 to 10:45 UTC, checkout returned errors to every customer.\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        // Clock times as copied from a browser (a narrow no-break space
        // before AM), and curly quotes and dashes before the verb.
        let md = "# Checkout errors\n\nBetween 10:05\u{202f}AM and 10:45\u{202f}AM UTC, checkout returned errors.\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        let md = "# Checkout errors\n\nFrom 10:05 to 10:45 UTC — while the “new” checkout’s ‘fast path’ — and the “old” one’s — shared one pool — “checkout” and “cart” pages both returned errors.\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        // A step of a timeline, a plan, or a window without its story.
        let md =
            "# Checkout errors\n\n## Timeline\n\n- Between 10:05 and 10:45 we were rolling back.\n";
        assert_eq!(prose_status_of(md), None);
        let md =
            "# Maintenance\n\nBetween 02:00 and 04:00 UTC tomorrow we will move the database.\n";
        assert_eq!(prose_status_of(md), None);
    }

    #[test]
    fn a_step_or_sentence_telling_the_end_says_it_is_over() {
        for md in [
            "# Flag rollout\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 09:40 | Flag set to 0 % |\n| 09:54 | Incident resolved, status page green |\n",
            "# CDN errors\n\nWorking with our upstream, a mitigation was put in place, which brought systems back online by 4:58 PM PST.\n",
            "# API down\n\nThe API came back online at 14:02 after the restart.\n",
        ] {
            assert_eq!(prose_status_of(md).as_deref(), Some("resolved"), "{md}");
        }
        // A fix still to come, an incident not yet resolved, a mitigation
        // alone: no end told.
        for md in [
            "# API down\n\nA fix will be deployed tomorrow.\n",
            "# API down\n\nThe incident is not resolved yet.\n",
            "# API down\n\nA mitigation was put in place while we investigate.\n",
            // A fix deployed is no end: errors may go on after it.
            "# API down\n\nA fix was deployed at 10:05 but errors continued.\n",
            "# API down\n\n## Timeline\n\n- 10:20 Patch applied to staging for testing\n- 10:40 Errors continue in production\n",
            "# Replica down\n\nThe replica is down. If the primary comes back online, replication resumes.\n",
        ] {
            assert_ne!(prose_status_of(md).as_deref(), Some("resolved"), "{md}");
        }
    }

    #[test]
    fn an_advisory_whose_versions_have_been_patched_is_over() {
        let md = "# Config dropped on named pipes\n\n### Patches\n\nThe following versions have been patched:\n\n* 1.23.1\n* 1.20.3\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        let md = "# Config dropped on named pipes\n\nThe following versions will be patched next week.\n";
        assert_eq!(prose_status_of(md), None);
    }

    #[test]
    fn working_normally_since_says_it_is_over() {
        let md = "# Search down\n\nWe set the replica count back to two; search has worked normally since then.\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        let md = "# Queue stall\n\nAfter the restart the consumers are running normally again.\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        // Before the incident is no end of it.
        let md =
            "# Queue stall\n\nThe consumers had worked normally for months before the upgrade.\n";
        assert_eq!(prose_status_of(md), None);
    }

    #[test]
    fn a_past_still_is_the_story_not_the_status() {
        let md = "# Blog down\n\nWe restarted it, but PostgreSQL was still failing to start. \
                  After a locale fix the service was restored.\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        let md = "# Blog down\n\nPostgreSQL is still failing to start.\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("investigating"));
    }

    #[test]
    fn status_labels_in_more_languages() {
        for label in ["Durum", "Stav", "Stato", "Stan", "Стан", "وضعیت"] {
            let md = format!("# Hata\n\n**{label}:** 🔄 **ANALİZ DEVAM EDİYOR**\n\n## Çözüm\n\nYeniden başlatıldı.\n");
            assert_eq!(
                prose_status_of(&md).as_deref(),
                Some("investigating"),
                "{label}"
            );
        }
    }

    #[test]
    fn the_prose_tells_the_status_when_no_field_does() {
        assert_eq!(
            prose_status_of(
                "# Outage\n\nThe DNS record was wrong. Service was restored at 14:02.\n"
            )
            .as_deref(),
            Some("resolved")
        );
        assert_eq!(
            prose_status_of(
                "# Crash\n\nThe root cause is still unknown; we are still investigating.\n"
            )
            .as_deref(),
            Some("investigating")
        );
        // Both, or neither: unknown.
        assert_eq!(
            prose_status_of("# X\n\nIt was fixed. The root cause is still unknown.\n"),
            None
        );
        assert_eq!(prose_status_of("# X\n\nA cache misbehaved.\n"), None);
        // Other languages say it is fixed in their own words.
        for md in [
            "# Falha\n\nJá corrigimos o sistema.\n",
            "# Fallo\n\nEl error fue corregido ayer.\n",
            "# Panne\n\nLe bug a été corrigé.\n",
            "# Ausfall\n\nDer Fehler wurde behoben.\n",
        ] {
            assert_eq!(prose_status_of(md).as_deref(), Some("resolved"), "{md}");
        }
        for md in [
            "# Ausfall\n\nDer Fehler ist nicht behoben.\n",
            "# Falha\n\nO erro ainda não foi corrigido.\n",
            "# Fallo\n\nEl error todavía no ha sido resuelto.\n",
            "# Fallo\n\nEl error no fue corregido.\n",
        ] {
            assert_eq!(prose_status_of(md), None, "{md}");
        }
        // Containment while the investigation goes on is not the end.
        assert_eq!(
            prose_status_of(
                "# Leak\n\nThe tokens have been revoked. We will continue to investigate.\n"
            ),
            None
        );
        assert_eq!(
            prose_status_of("# Leak\n\nWe will continue to investigate with experts.\n").as_deref(),
            Some("investigating")
        );
        // A timeline's step and an action item are not how things stand.
        let md = "# Outage\n\n## Timeline\n\n- 14:00 We continue to investigate.\n- 15:00 Service was restored.\n\n## Action items\n\n- We will continue to investigate ways to improve alerting\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        // A retrospective with a fix and lessons is over unless it says not.
        let retro = "# Y\n\n## Root Cause\n\nA bad flag.\n\n## Fix\n\nFlipped it.\n\n## Lessons Learned\n\n- Review flags\n";
        assert_eq!(prose_status_of(retro).as_deref(), Some("resolved"));
        let open =
            format!("{retro}\n## Update\n\nThe issue is not yet resolved in the EU region.\n");
        assert_eq!(prose_status_of(&open).as_deref(), Some("investigating"));
        // Fixes only recommended, or causes only possible: not over.
        for md in [
            "# Y\n\n## Root Cause\n\nA nil session.\n\n## Recommended Solutions\n\n### Fix 1: nil check\n\nAdd it.\n\n## Lessons Learned\n\n- Review\n",
            "# Y\n\n## Mulige årsager\n\nRLS blocks reads.\n\n## Løsninger\n\nFix the policy.\n\n## Næste skridt\n\n- Run the commands\n",
        ] {
            assert_eq!(prose_status_of(md), None, "{md}");
        }
        // A title that opens on a proposal word offers nothing: only the
        // headings that give the fix its role are read.
        let md = "# Proposed pricing page outage\n\n## Root Cause\n\nA bad index.\n\n## Fix\n\nRebuilt it.\n\n## Lessons Learned\n\n- Review\n";
        assert_eq!(prose_status_of(md).as_deref(), Some("resolved"));
        // A written word wins over the prose.
        assert_eq!(
            prose_status_of(&format!("**Status:** Monitoring\n\n{retro}")).as_deref(),
            Some("monitoring")
        );
    }

    #[test]
    fn status_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("✅ RESOLVED", Some("resolved")),
            ("FULLY OPERATIONAL", Some("resolved")),
            ("✅ PERMANENT FIX APPLIED", Some("resolved")),
            (
                "Resolved (mitigated) — root cause still open",
                Some("resolved"),
            ),
            (
                "✅ RESOLVED (Local Codebase) / ⚠️ DEPLOYMENT REQUIRED (Staging)",
                Some("resolved"),
            ),
            ("Mitigated", Some("mitigated")),
            ("✅ AWAITING DEPLOYMENT", Some("monitoring")),
            ("Investigating", Some("investigating")),
            ("Open", Some("open")),
            ("see below", None),
            // The analysis is done, not the fix.
            ("✅ Analysis Complete", Some("investigating")),
            (
                "Investigation completed, fix pending",
                Some("investigating"),
            ),
            // A fix waiting to be tried.
            ("Ready for CI testing", Some("monitoring")),
            ("Fix Implemented, Awaiting Verification", Some("monitoring")),
            (
                "Prevention measures implemented and documented",
                Some("resolved"),
            ),
            ("Fix deployed", Some("resolved")),
            ("Not yet deployed", Some("open")),
            // Unknown words are not guessed.
            ("Draft", None),
            ("Ready", None),
            ("CRITICAL - Service Down", None),
        ];
        for (text, want) in cases {
            assert_eq!(normalize_status(text), *want, "{text}");
        }
    }

    #[test]
    fn status_and_severity_values_in_other_languages() {
        for (written, want) in [
            ("Resuelto", "resolved"),
            ("Gelöst (2024-05-04)", "resolved"),
            ("已解决", "resolved"),
            ("解決済み（暫定対応）", "resolved"),
            ("해결됨", "resolved"),
            ("đã khắc phục", "resolved"),
            ("Abierto", "open"),
            ("En investigación", "investigating"),
            // Parts joined without spaces: a fix done, still watched.
            ("修正完了・監視中", "monitoring"),
            ("修正完了", "resolved"),
            ("調査中、対応中", "investigating"),
            ("🔴 KRITISCH - Fix erforderlich", "open"),
        ] {
            assert_eq!(normalize_status(written), Some(want), "{written}");
        }
        for written in [
            "Nicht gelöst/behoben",
            "No resuelto/cerrado",
            "Non risolto, chiuso",
        ] {
            assert_ne!(normalize_status(written), Some("resolved"), "{written}");
        }
        for (written, want) in [
            ("alta", "high"),
            ("**高**", "high"),
            ("Crítico", "critical"),
            ("Высокий", "high"),
            ("trung bình", "medium"),
            ("niedrig", "low"),
        ] {
            assert_eq!(normalize_severity(written), Some(want), "{written}");
        }
        // What was done may be named first; a negation turns it around.
        for (written, want) in [
            ("🔴 KOD NAPRAWIONY (nawrót zatrzymany)", Some("resolved")),
            ("**✅ ВИПРАВЛЕНО** - бот працює", Some("resolved")),
            ("Felet åtgärdat", Some("resolved")),
            ("Masalah sudah selesai", Some("resolved")),
            ("kod nie naprawiony", None),
            ("бот ще не виправлено", None),
            ("felet inte åtgärdat", None),
            ("Partiellement résolu — bug API corrigé", Some("mitigated")),
            ("Parcialmente resuelto", Some("mitigated")),
            ("noch offen", Some("open")),
            ("noch nicht gelöst", None),
            ("✅ REZOLVAT - TESTAT ȘI VERIFICAT", Some("resolved")),
            ("Under utredning", Some("investigating")),
            ("Ratkaistu", Some("resolved")),
            ("ΕΠΙΛΎΘΗΚΕ", Some("resolved")),
            ("แก้ไขแล้วทั้งหมด", Some("resolved")),
            ("תוקן בגרסה 2.1", Some("resolved")),
            ("لم يتم الحل", None),
            ("לא נפתר", None),
            ("nem javítva", None),
            ("δεν επιλύθηκε", None),
            ("ΕΠΙΛΥΘΗΚΕ", Some("resolved")),
            ("részben megoldva", Some("mitigated")),
            // Still in progress, and Turkish capitals (İ) folded.
            ("🔄 **ANALİZ DEVAM EDİYOR**", Some("investigating")),
            ("In corso", Some("investigating")),
            ("W trakcie analizy", Some("investigating")),
            ("Probíhá", Some("investigating")),
        ] {
            assert_eq!(normalize_status(written), want, "{written}");
        }
        for (written, want) in [
            ("🔴 緊急", "critical"),
            ("🔴 عالية جداً (جزء حرج)", "high"),
            ("KRITIKUS", "critical"),
            ("Υψηλή", "high"),
            ("ปานกลาง", "medium"),
            ("Hög", "high"),
            ("Високий", "high"),
            ("sedang", "medium"),
        ] {
            assert_eq!(normalize_severity(written), Some(want), "{written}");
        }
        // A section of its own, its value the first line below it.
        for (md, status) in [
            ("# Bot crash\n\n## Root cause\n\nA missing method.\n\n## 🚀 Status\n\n**✅ FIXED** - the bot works again\n\nMore text.\n", Some("resolved")),
            ("# Збій бота\n\n## Причина\n\nНемає методу.\n\n## Статус\n\n**✅ ВИПРАВЛЕНО** - бот працює\n", Some("resolved")),
            ("# Bot crash\n\n## Status\n\nWe looked at the logs first.\n", None),
            ("# Bot crash\n\n## Status\n\n```\nresolved\n```\n", None),
        ] {
            assert_eq!(incident(md).status.as_deref(), status, "{md}");
        }
        let md = "# LIFFの不具合\n\n**重要度**: 🔴 緊急\n\n## 原因\n\nテキスト。\n";
        assert_eq!(incident(md).severity.as_deref(), Some("critical"));
        // A word that only starts like one is not it.
        for written in ["altamente variable", "Medianoche", "cerradura", "中断"] {
            assert_eq!(normalize_severity(written), None, "{written}");
            assert_eq!(normalize_status(written), None, "{written}");
        }
        let md = "# Fallo en la búsqueda\n\n| Campo | Valor |\n|---|---|\n| Estado | Resuelto |\n| 重大度 | **高** |\n";
        let i = incident(md);
        assert_eq!(i.severity.as_deref(), Some("high"));
        assert_eq!(i.status.as_deref(), Some("resolved"));
        // Priority keys, and French typography's space before the colon.
        for (md, want) in [
            (
                "# Paiement refusé\n\n**Priorité** : CRITIQUE\n\n## Cause\n\nTexte.\n",
                "critical",
            ),
            (
                "# Pagamento rifiutato\n\n**Priorità**: critica\n\n## Causa\n\nTesto.\n",
                "critical",
            ),
            (
                "# Fallo\n\n- **Prioridad:** Alta\n\n## Causa\n\nTexto.\n",
                "high",
            ),
        ] {
            assert_eq!(incident(md).severity.as_deref(), Some(want), "{md}");
        }
    }

    #[test]
    fn a_ticked_box_among_options_is_the_value() {
        for (md, severity, status) in [
            (
                "# Leak\n\n**Severity:** [ ] Critical | [x] High | [ ] Medium | [ ] Low\n\n## Cause\n\nText.\n",
                Some("high"),
                None,
            ),
            (
                "# Leak\n\n**Severity:**\n\n- [ ] Critical\n- [ ] High\n- [X] Low\n\n**Status:** [ ] Open [x] Resolved\n\n## Cause\n\nText.\n",
                Some("low"),
                Some("resolved"),
            ),
            // Options offered, none ticked: no value.
            (
                "# Leak\n\n**Severity:** [ ] Critical | [ ] High\n\n## Cause\n\nText.\n",
                None,
                None,
            ),
        ] {
            let i = incident(md);
            assert_eq!(i.severity.as_deref(), severity, "{md}");
            assert_eq!(i.status.as_deref(), status, "{md}");
        }
        assert_eq!(
            checked_choice("Fixed, see [x] in the log"),
            Some("Fixed, see [x] in the log")
        );
    }

    #[test]
    fn status_and_severity_under_other_front_matter_keys() {
        for (md, status, severity) in [
            ("+++\ntitle = \"Spawns blocked\"\nstate = \"open\"\npriority = \"P2\"\n+++\n\nText.\n", Some("open"), Some("high")),
            ("---\ntitle: Fallo\nestado: hecho\nprioridad: alta\n---\n\nTexto.\n", Some("resolved"), Some("high")),
            // Another name holding something else is not a status.
            ("---\ntitle: X\nstate: CA\n---\n\nText.\n", None, None),
            // The canonical key wins over another name.
            ("---\ntitle: X\nstatus: monitoring\nstate: open\n---\n\nText.\n", Some("monitoring"), None),
        ] {
            let i = incident(md);
            assert_eq!(i.status.as_deref(), status, "{md}");
            assert_eq!(i.severity.as_deref(), severity, "{md}");
            if md.contains("CA") {
                assert_eq!(i.status_text, None, "{md}");
            }
        }
        for (written, want) in [
            ("✅ Correção implementada e testada", "resolved"),
            ("Risolto", "resolved"),
            ("Vyřešeno", "resolved"),
            ("Otevřeno", "open"),
            // Turkish: root cause confirmed, the fix's decision pending.
            (
                "Kök neden doğrulandı, kalıcı çözüm kararı bekliyor",
                "investigating",
            ),
            ("Beklemede", "open"),
            ("Çözüm kararı bekliyor", "open"),
        ] {
            assert_eq!(normalize_status(written), Some(want), "{written}");
        }
        let md = "# Pád\n\n**Priorita**: HIGH\n\n## Příčina\n\nText.\n";
        assert_eq!(incident(md).severity.as_deref(), Some("high"));
    }

    #[test]
    fn severity_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("SEV1", Some("critical")),
            ("SEV-2", Some("high")),
            ("Sev 3", Some("medium")),
            ("P1", Some("critical")),
            ("CRITICAL - System Authentication", Some("critical")),
            ("Very High", Some("critical")),
            ("High", Some("high")),
            ("Medium - accumulates over time", Some("medium")),
            ("Lab / Sev-2 analogue (split-brain pressure)", Some("high")),
            ("chain halt (liveness), no loss of funds", None),
        ];
        for (text, want) in cases {
            assert_eq!(normalize_severity(text), *want, "{text}");
        }
    }

    fn incident(md: &str) -> crate::model::Incident {
        let src = crate::source::from_bytes(md.as_bytes(), std::path::Path::new("x.md"), "x.md")
            .expect("read");
        crate::extract::extract(&src, &crate::config::Config::default()).incident
    }

    fn status_of(md: &str) -> (Option<String>, Option<String>) {
        let inc = incident(md);
        (inc.status, inc.status_text)
    }

    #[test]
    fn unicode_hyphens_read_as_hyphens() {
        // Word processors and some editors write U+2011 (non-breaking) or
        // U+2010 hyphens in dates and severity levels.
        for hyphen in ['\u{2010}', '\u{2011}', '\u{2012}'] {
            let md = format!(
                "# Checkout outage\n\n| Field | Value |\n|---|---|\n| Date | 2025{h}05{h}20 |\n| Severity | SEV{h}1 |\n\n## Root cause\n\nThe pool was too small.\n",
                h = hyphen
            );
            let inc = incident(&md);
            assert_eq!(inc.date.as_deref(), Some("2025-05-20"), "{hyphen:?}");
            assert_eq!(inc.severity.as_deref(), Some("critical"), "{hyphen:?}");
        }
        // Code keeps what was written.
        let inc = incident("# X\n\n## Errors\n\n```\nError: bad value 5\u{2011}3\n```\n");
        assert!(inc.errors.iter().any(|e| e.message.contains('\u{2011}')));
    }

    #[test]
    fn status_families() {
        // Metadata opening the first section is the header; a stale status
        // at the end with no known word does not hide it.
        let (s, t) = status_of("# Auth failure\n\n## Incident Summary\n**Date:** 2025-09-26\n**Status:** ✅ **RESOLVED** - Service operational\n\n## Next Steps\n\n1. Roll back\n\n---\n\n**Status**: CRITICAL - Service Down\n");
        assert_eq!(s.as_deref(), Some("resolved"));
        assert!(t.is_some_and(|t| t.contains("RESOLVED")));
        // A status tag in the title.
        let (s, _) = status_of("# Deadlock in the analyzer [RESOLVED ✅]\n\nText.\n");
        assert_eq!(s.as_deref(), Some("resolved"));
        let (s, _) = status_of("# Queue stalls (Investigating)\n\nText.\n");
        assert_eq!(s.as_deref(), Some("investigating"));
        let (s, _) = status_of("# Release Status: ✅ RESOLVED\n\nText.\n");
        assert_eq!(s.as_deref(), Some("resolved"));
        // "Resolution: <how>" in the header says it was resolved.
        let (s, t) = status_of("# Embeddings stopped\n\n## Issue Summary\n**Severity**: Critical\n**Resolution**: The API key was missing; it was set\n\n## Timeline\n\n- x\n");
        assert_eq!((s.as_deref(), t), (Some("resolved"), None));
        let (s, _) =
            status_of("# Embeddings stopped\n\n**Resolution**: TBD\n\n## Timeline\n\n- x\n");
        assert_eq!(s, None);
        // An unknown status word is kept as written, never guessed, even
        // when the title speaks of a fix.
        let (s, t) = status_of("# Login fix\n\n**Status**: Parked\n");
        assert_eq!((s, t.as_deref()), (None, Some("Parked")));
        // A hedged or negated compound is not the word it holds.
        for hedged in ["fixed-ish", "semi-resolved", "Non-resolved", "closed-like"] {
            let (s, t) = status_of(&format!("# Login fix\n\n**Status**: {hedged}\n"));
            assert_eq!((s, t.as_deref()), (None, Some(hedged)), "{hedged}");
        }
        // A compound after the word keeps its sense.
        let (s, _) = status_of("# Login fix\n\n**Status**: resolved-with-workaround\n");
        assert_eq!(s.as_deref(), Some("resolved"));
        // A status page's flag.
        let (s, _) = status_of("---\ntitle: Network interruption\nresolved: true\naffected:\n  - LU1\n---\n\nWe are looking into it.\n");
        assert_eq!(s.as_deref(), Some("resolved"));
        let inc = incident(
            "---\ntitle: Network interruption\nresolved: true\naffected:\n  - LU1\n---\n\nText.\n",
        );
        assert_eq!(inc.services, vec!["LU1".to_string()]);
        // Still going on, in TOML as Hugo status pages write it, whatever
        // the prose says was fixed elsewhere.
        let (s, _) = status_of("+++\ntitle = \"Scores crash\"\nresolved = false\n+++\n\n**Update**: resolved in Android; the iOS fix is awaiting approval.\n");
        assert_eq!(s.as_deref(), Some("open"));
        // Nor does a title that speaks of a fix.
        let (s, _) = status_of("---\ntitle: Fix for login failures rolling out\nresolved: false\n---\n\nWe are deploying a fix.\n");
        assert_eq!(s.as_deref(), Some("open"));
        // Its updates may say how far it got.
        let (s, _) = status_of("+++\ntitle = \"Disruption\"\nresolved = false\n+++\n\n**Monitoring** - A fix has been deployed; we are continuing to monitor.\n");
        assert_eq!(s.as_deref(), Some("monitoring"));
        // A status page's updates, newest first.
        let updates = "**Monitoring** - A fix has been implemented and we are monitoring the results.\nMay 2, 2024 - 17:30 UTC\n\n**Identified** - The issue has been identified.\n\n**Investigating** - We are investigating elevated errors.\n";
        let (s, _) = status_of(&format!("# Elevated API errors\n\n{updates}"));
        assert_eq!(s.as_deref(), Some("monitoring"));
        let (s, _) = status_of(&format!(
            "# Elevated API errors\n\n**Resolved** - This incident has been resolved.\n\n{updates}"
        ));
        assert_eq!(s.as_deref(), Some("resolved"));
        let (s, _) = status_of("# Elevated API errors\n\n**Identified** - The issue has been identified and a fix is being implemented.\n");
        assert_eq!(s.as_deref(), Some("investigating"));
        // No status at all: fix words in the title.
        let (s, _) = status_of("# Container and Data Path Fixes\n\nText.\n");
        assert_eq!(s.as_deref(), Some("resolved"));
    }

    #[test]
    fn severity_families() {
        let sev = |md: &str| incident(md).severity;
        // A Sev level the team declared, in a timeline table.
        let md = "# Total node failure\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 11:00 | Manual flagging of Sev1 incident |\n";
        assert_eq!(sev(md).as_deref(), Some("critical"));
        // A severity heading.
        let md = "# Issues\n\n## Impact\n\nBad.\n\n### Severity: 🔴 CRITICAL\n\nAll users.\n";
        assert_eq!(sev(md).as_deref(), Some("critical"));
        // A severity label with its value in the list below it.
        let md = "# Deploy failed\n\n## Impact\n\n**Severity**:\n- **Production impact**: 🔴 CRITICAL (service down)\n- **Users**: all\n";
        assert_eq!(sev(md).as_deref(), Some("critical"));
        // A metadata table.
        let md = "# Outage\n\n| Field | Value |\n|---|---|\n| Severity | Major |\n";
        assert_eq!(sev(md).as_deref(), Some("high"));
        // The title names the bug critical.
        let md = "# CRITICAL BUG FIXED: Trailing newlines in variables\n\nText.\n";
        assert_eq!(sev(md).as_deref(), Some("critical"));
        // A status page's grades.
        for (grade, want) in [
            ("down", "critical"),
            ("disrupted", "medium"),
            ("degraded-performance", "medium"),
            ("partial_outage", "medium"),
            ("notice", "low"),
        ] {
            let md = format!("---\ntitle: Outage\nseverity: {grade}\n---\n\nText.\n");
            assert_eq!(sev(&md).as_deref(), Some(want), "{grade}");
        }
        // Negated and hedged compounds are not the word; later ones are.
        let md = "# Outage\n\n**Severity**: non-critical\n";
        assert_eq!(sev(md), None);
        let md = "# Outage\n\n**Severity**: high-priority\n";
        assert_eq!(sev(md).as_deref(), Some("high"));
        // Unknown words give no severity; "critical" elsewhere is not one.
        let md = "# Outage\n\n**Severity**: see below\n\nNo critical files were moved.\n";
        assert_eq!(sev(md), None);
        // Front matter wins, also from Zola's [extra].
        let md =
            "+++\ntitle = \"Outage\"\n[extra]\nseverity = \"SEV3\"\n+++\n\nWe declared a Sev1.\n";
        assert_eq!(sev(md).as_deref(), Some("medium"));
    }
}
