//! The sessions as xAPI 1.0.3 statements (one JSON object per line) for a Learning
//! Record Store. The actor is an anonymous account named by kiosk and session id; verbs
//! come from the ADL vocabulary; activity ids live under a base IRI the museum chooses.
//! Statement ids are name-based UUIDs, so exporting the same logs twice gives the same
//! ids and an LRS keeps one copy.

use std::io::Write;

use rustc_hash::FxHashMap;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::analysis::Report;
use crate::dataset::{Dataset, Session};
use usage_log::time::Timestamp;

const ADL_VERBS: &str = "http://adlnet.gov/expapi/verbs/";
const ADL_TYPES: &str = "http://adlnet.gov/expapi/activities/";

/// Writes every session's statements to `out`. Returns how many were written.
pub fn write(
    data: &Dataset,
    report: &Report,
    base: &str,
    out: &mut impl Write,
) -> std::io::Result<u64> {
    let base = base.trim_end_matches('/');
    // Which scenes make an exhibit complete: as the report counted them.
    let wanted: FxHashMap<&str, (usize, Vec<&str>)> = report
        .exhibits
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                (
                    e.scene_count,
                    e.counted.iter().map(String::as_str).collect(),
                ),
            )
        })
        .collect();
    let mut written = 0;
    for s in &data.sessions {
        let mut statements = Vec::new();
        session_statements(data, s, base, &wanted, &mut statements);
        for st in statements {
            serde_json::to_writer(&mut *out, &st)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
    Ok(written)
}

fn session_statements(
    data: &Dataset,
    s: &Session,
    base: &str,
    wanted: &FxHashMap<&str, (usize, Vec<&str>)>,
    out: &mut Vec<Value>,
) {
    let names = &data.names;
    let kiosk = names.name(s.kiosk);
    let session = &*s.id;
    let actor = json!({
        "objectType": "Agent",
        "account": { "homePage": base, "name": format!("{kiosk}/{session}") },
    });
    let kiosk_activity = json!({
        "objectType": "Activity",
        "id": format!("{base}/kiosks/{}", segment(kiosk)),
        "definition": { "name": { "en": format!("Kiosk {kiosk}") } },
    });
    let lang = s.lang.map(|l| names.name(l).to_owned());
    let mut n = 0u32;
    let mut push = |verb: &str,
                    object: Value,
                    ts: Timestamp,
                    result: Option<Value>,
                    parents: Vec<Value>| {
        let mut context = json!({
            "platform": "exhibit-kiosk",
            "registration": Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("{base}/sessions/{kiosk}/{session}").as_bytes()).to_string(),
            "contextActivities": { "grouping": [ { "id": kiosk_activity["id"] } ] },
        });
        if !parents.is_empty() {
            context["contextActivities"]["parent"] = Value::Array(parents);
        }
        if let Some(l) = &lang
            && !l.is_empty()
        {
            context["language"] = json!(l);
        }
        let mut st = json!({
            "id": Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("{base}/statements/{kiosk}/{session}/{n}").as_bytes()).to_string(),
            "actor": actor,
            "verb": { "id": format!("{ADL_VERBS}{verb}"), "display": { "en-US": verb } },
            "object": object,
            "timestamp": ts.to_string(),
            "context": context,
        });
        if let Some(r) = result {
            st["result"] = r;
        }
        out.push(st);
        n += 1;
    };

    push("launched", kiosk_activity.clone(), s.began(), None, vec![]);

    let exhibit_id = |e: &str| format!("{base}/exhibits/{}", segment(e));
    let scene_id =
        |e: &str, sc: &str| format!("{base}/exhibits/{}/scenes/{}", segment(e), segment(sc));
    for sc in &s.scenes {
        let (e, scene) = (names.name(sc.exhibit), names.name(sc.scene));
        let Some(entered) = sc.first_enter else {
            continue;
        };
        let kind = sc.kind.map(|k| names.name(k)).unwrap_or("");
        let mut object = json!({ "objectType": "Activity", "id": scene_id(e, scene) });
        if let Some(t) = activity_type(kind) {
            object["definition"] = json!({ "type": t });
        }
        push(
            "experienced",
            object,
            entered,
            Some(json!({ "duration": duration(sc.dwell_ms) })),
            vec![json!({ "id": exhibit_id(e) })],
        );
    }
    // Every answer, first tries and later ones, in time order.
    for a in &s.answers {
        let (e, scene, q) = (
            names.name(a.exhibit),
            names.name(a.scene),
            names.name(a.question),
        );
        let response: Vec<String> = a.choice.iter().map(|c| c.to_string()).collect();
        push(
            "answered",
            json!({
                "objectType": "Activity",
                "id": format!("{}/questions/{}", scene_id(e, scene), segment(q)),
                "definition": { "type": format!("{ADL_TYPES}cmi.interaction"), "interactionType": "choice" },
            }),
            a.ts,
            Some(json!({ "success": a.correct, "response": response.join("[,]") })),
            vec![json!({ "id": scene_id(e, scene) })],
        );
    }
    // An exhibit is completed when the visit reached all of its scenes.
    let mut exhibits: Vec<&str> = Vec::new();
    for sc in &s.scenes {
        let e = names.name(sc.exhibit);
        if !exhibits.contains(&e) {
            exhibits.push(e);
        }
    }
    for e in exhibits {
        let Some((count, ids)) = wanted.get(e) else {
            continue;
        };
        let here: Vec<_> = s
            .scenes
            .iter()
            .filter(|sc| names.name(sc.exhibit) == e)
            .collect();
        let reached = here
            .iter()
            .filter(|sc| sc.enters > 0 && ids.contains(&names.name(sc.scene)))
            .count();
        if *count == 0 || reached < *count {
            continue;
        }
        let last = here
            .iter()
            .filter_map(|sc| sc.first_enter)
            .max()
            .unwrap_or(s.began());
        let dwell: u64 = here.iter().map(|sc| sc.dwell_ms).sum();
        push(
            "completed",
            json!({ "objectType": "Activity", "id": exhibit_id(e), "definition": { "type": format!("{ADL_TYPES}module") } }),
            last,
            Some(json!({ "completion": true, "duration": duration(dwell) })),
            vec![],
        );
    }
    if let Some(end) = s.end {
        let mut ext = serde_json::Map::new();
        ext.insert(
            format!("{base}/extensions/end-reason"),
            json!(names.name(end.reason)),
        );
        ext.insert(format!("{base}/extensions/idle-ms"), json!(end.idle_ms));
        push(
            "terminated",
            kiosk_activity.clone(),
            end.ts,
            Some(json!({ "duration": duration(end.duration_ms), "extensions": ext })),
            vec![],
        );
    }
}

fn activity_type(kind: &str) -> Option<String> {
    let t = match kind {
        "quiz" => "assessment",
        "demonstration" => "simulation",
        "animation" => "media",
        _ => return None,
    };
    Some(format!("{ADL_TYPES}{t}"))
}

/// An ISO 8601 duration: `PT1H2M3.45S`.
pub fn duration(ms: u64) -> String {
    let (h, m, s) = (ms / 3_600_000, ms / 60_000 % 60, ms % 60_000);
    let mut out = String::from("PT");
    if h > 0 {
        out += &format!("{h}H");
    }
    if m > 0 {
        out += &format!("{m}M");
    }
    if s > 0 || (h == 0 && m == 0) {
        if s % 1000 == 0 {
            out += &format!("{}S", s / 1000);
        } else {
            out += &format!("{}.{:03}S", s / 1000, s % 1000);
        }
    }
    out
}

/// An id as one IRI path segment: unreserved characters stay, others are %-encoded.
fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out += &format!("%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(duration(0), "PT0S");
        assert_eq!(duration(12_345), "PT12.345S");
        assert_eq!(duration(3_723_000), "PT1H2M3S");
        assert_eq!(duration(120_000), "PT2M");
    }

    #[test]
    fn ids_become_safe_segments() {
        assert_eq!(segment("quake-basics_1"), "quake-basics_1");
        assert_eq!(segment("a b/中"), "a%20b%2F%E4%B8%AD");
    }
}
