//! Known answers: a small log written by hand, with a garbage line and a torn last line,
//! and the figures worked out on paper.

use std::path::{Path, PathBuf};

use super::*;
use usage_log::time::Date;

const KIOSK_A: &str = r#"{"v":1,"ts":"2026-11-27T08:00:00.000Z","kiosk":"a","event":"kiosk_start","version":"0.1.0"}
{"v":1,"ts":"2026-11-27T09:00:00.000Z","kiosk":"a","event":"session_start","session":"s1","lang":"en","input":"touch"}
{"v":1,"ts":"2026-11-27T09:00:01.000Z","kiosk":"a","event":"scene_enter","session":"s1","exhibit":"quake","scene":"basics","kind":"quiz"}
{"v":1,"ts":"2026-11-27T09:00:20.000Z","kiosk":"a","event":"quiz_answer","session":"s1","exhibit":"quake","scene":"basics","question":"q1","choice":[1],"correct":true}
{"v":1,"ts":"2026-11-27T09:00:40.000Z","kiosk":"a","event":"quiz_answer","session":"s1","exhibit":"quake","scene":"basics","question":"q2","choice":[0],"correct":false}
{"v":1,"ts":"2026-11-27T09:00:50.000Z","kiosk":"a","event":"quiz_answer","session":"s1","exhibit":"quake","scene":"basics","question":"q2","choice":[2],"correct":true}
{"v":1,"ts":"2026-11-27T09:01:01.000Z","kiosk":"a","event":"scene_exit","session":"s1","exhibit":"quake","scene":"basics","dwell_ms":60000}
{"v":1,"ts":"2026-11-27T09:01:01.000Z","kiosk":"a","event":"scene_enter","session":"s1","exhibit":"quake","scene":"practice","kind":"quiz"}
{"v":1,"ts":"2026-11-27T09:03:01.000Z","kiosk":"a","event":"scene_exit","session":"s1","exhibit":"quake","scene":"practice","dwell_ms":120000,"idle_ms":90000}
{"v":1,"ts":"2026-11-27T09:03:05.000Z","kiosk":"a","event":"session_end","session":"s1","reason":"idle","duration_ms":185000,"idle_ms":90000}
this line is garbage
{"v":1,"ts":"2026-11-27T14:00:00.000Z","kiosk":"a","event":"session_start","session":"s2","lang":"zh-Hans","input":"gamepad"}
{"v":1,"ts":"2026-11-27T14:00:01.000Z","kiosk":"a","event":"scene_enter","session":"s2","exhibit":"quake","scene":"basics","kind":"quiz"}
{"v":1,"ts":"2026-11-27T14:00:10.000Z","kiosk":"a","event":"quiz_answer","session":"s2","exhibit":"quake","scene":"basics","question":"q1","choice":[0],"correct":false}
{"v":1,"ts":"2026-11-27T14:00:20.000Z","kiosk":"a","event":"quiz_answer","session":"s2","exhibit":"quake","scene":"basics","question":"q2","choice":[2],"correct":true}
{"v":1,"ts":"2026-11-27T14:00:31.000Z","kiosk":"a","event":"scene_exit","session":"s2","exhibit":"quake","scene":"basics","dwell_ms":30000}
{"v":1,"ts":"2026-11-27T14:00:32.000Z","kiosk":"a","event":"language_change","session":"s2","lang":"en"}
{"v":1,"ts":"2026-11-27T14:00:33.000Z","kiosk":"a","event":"scene_enter","session":"s2","exhibit":"ageing","scene":"intro","kind":"quiz"}
{"v":1,"ts":"2026-11-27T14:00:43.000Z","kiosk":"a","event":"scene_exit","session":"s2","exhibit":"ageing","scene":"intro","dwell_ms":10000}
{"v":1,"ts":"2026-11-27T14:00:45.000Z","kiosk":"a","event":"session_end","session":"s2","reason":"home","duration_ms":45000,"idle_ms":0}
{"v":1,"ts":"2026-11-27T18:00:00.000Z","kiosk":"a","event":"kiosk_stop","reason":"exit"}
"#;

const KIOSK_B: &str = r#"{"v":1,"ts":"2026-11-28T09:00:00.000Z","kiosk":"b","event":"kiosk_start","version":"0.1.0"}
{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"b","event":"session_start","session":"s3","lang":"en","input":"touch"}
{"v":1,"ts":"2026-11-28T10:00:01.000Z","kiosk":"b","event":"scene_enter","session":"s3","exhibit":"quake","scene":"basics","kind":"quiz"}
{"v":1,"ts":"2026-11-28T11:00:01.000Z","kiosk":"b","event":"kiosk_start","version":"0.1.0"}
{"v":1,"ts":"2026-11-28T11:00:02.000Z","kiosk":"b","event":"error","message":"image missing: quake/x.png","exhibit":"quake"}
{"v":1,"ts":"2026-11-28T12:00:01.000Z","kiosk":"b","event":"heartbeat","uptime_ms":3600000}
{"v":1,"ts":"2026-11-28T12:00:02.000Z","kiosk":"b","event":"sess"#;

/// The two kiosks' logs in the writer's layout; returns the log folder.
pub(crate) fn sample_logs(dir: &Path) -> PathBuf {
    let logs = dir.join("logs");
    for (kiosk, day, text) in [("a", "2026-11-27", KIOSK_A), ("b", "2026-11-28", KIOSK_B)] {
        std::fs::create_dir_all(logs.join(kiosk)).unwrap();
        std::fs::write(logs.join(kiosk).join(format!("{day}.jsonl")), text).unwrap();
    }
    logs
}

fn report_of(filter: &Filter, content: Option<&ContentInfo>) -> (Dataset, Report) {
    let dir = tempfile::tempdir().unwrap();
    let logs = sample_logs(dir.path());
    let data = read(&[logs], filter, 2).unwrap();
    let report = analyse(&data, content, &Options::default());
    (data, report)
}

#[test]
fn figures_match_the_worked_answers() {
    let (_, r) = report_of(&Filter::default(), None);
    assert_eq!(r.sessions, 3);
    assert_eq!(r.files, 2);
    assert_eq!(r.skipped[0], (usage_log::reader::Skip::Torn, 1));
    assert_eq!(r.skipped[1], (usage_log::reader::Skip::Garbage, 1));
    assert_eq!(r.events, 26);

    let quake = r.exhibits.iter().find(|e| e.id == "quake").unwrap();
    assert_eq!(quake.visits, 3);
    // Dwell per visit: s1 60 + 120 = 180 s, s2 30 s, s3 never left (0 s).
    assert_eq!(quake.dwell.median, 30.0);
    assert_eq!(quake.dwell.q3, 105.0);
    // Without the 90 s walk-away: 90, 30, 0.
    assert_eq!(quake.active.median, 30.0);
    assert_eq!(quake.active.q3, 60.0);
    // Scenes as seen in the logs: basics (3 visits), practice (1).
    let funnel: Vec<(&str, u64)> = quake
        .scenes
        .iter()
        .map(|s| (s.id.as_str(), s.visits))
        .collect();
    assert_eq!(funnel, [("basics", 3), ("practice", 1)]);
    assert_eq!((quake.diligent, quake.completed), (1, 1));
    let ageing = r.exhibits.iter().find(|e| e.id == "ageing").unwrap();
    assert_eq!((ageing.visits, ageing.dwell.median), (1, 10.0));

    // Sessions that logged their end: 185 s (90 idle) and 45 s.
    assert_eq!(r.session_length.median, 115.0);
    assert_eq!(r.session_active.median, 70.0);
    assert_eq!(
        r.end_reasons,
        [("home".to_owned(), 1), ("idle".to_owned(), 1)]
    );
    assert_eq!(
        r.languages,
        [("en".to_owned(), 2), ("zh-Hans".to_owned(), 1)]
    );
    assert_eq!(r.language_changes, 1);
    assert_eq!(
        r.inputs,
        [("touch".to_owned(), 2), ("gamepad".to_owned(), 1)]
    );
    assert_eq!(r.daily.len(), 2);
    assert_eq!(r.daily[0].1, 2);
    // 2026-11-27 is a Friday: visits at 09 and 14 UTC.
    assert_eq!(r.hour_of_week[4][9], 1);
    assert_eq!(r.hour_of_week[4][14], 1);

    let q1 = r.quiz_items.iter().find(|q| q.question == "q1").unwrap();
    let q2 = r.quiz_items.iter().find(|q| q.question == "q2").unwrap();
    // First answers only: s1 right, s2 wrong on q1; s1 wrong, s2 right on q2.
    assert_eq!((q1.responses, q1.first_correct), (2, 1));
    assert_eq!((q2.responses, q2.first_correct), (2, 1));
    // Without the content: the choices answers used, 0 (first by s1) and 2 (first by
    // s2). Choice 2 was right in some answer; choice 0 never.
    let picked: Vec<(u32, u64, bool)> = q2
        .choices
        .iter()
        .map(|c| (c.index, c.picked, c.correct))
        .collect();
    assert_eq!(picked, [(0, 1, false), (2, 1, true)]);

    let a = r.kiosks.iter().find(|k| k.id == "a").unwrap();
    assert_eq!((a.starts, a.unclean_restarts, a.sessions), (1, 0, 2));
    assert!((a.uptime_h - 10.0).abs() < 1e-9);
    let b = r.kiosks.iter().find(|k| k.id == "b").unwrap();
    assert_eq!((b.starts, b.unclean_restarts, b.errors), (2, 1, 1));
    // 09:00 → 10:00:01 (its last sign before the restart), then 11:00:01 → 12:00:01.
    assert!(
        (b.uptime_h - (2.0 + 1.0 / 3600.0)).abs() < 1e-9,
        "{}",
        b.uptime_h
    );
    assert_eq!(b.top_errors[0].0, "image missing: quake/x.png");
}

#[test]
fn csv_files_have_the_contract_columns() {
    let (_, r) = report_of(&Filter::default(), None);
    let files = csv::files(&r);
    let exhibits = &files.iter().find(|f| f.0 == "exhibits.csv").unwrap().1;
    let mut lines = exhibits.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("exhibit,title,visits,median_dwell_s,")
    );
    assert!(lines.next().unwrap().starts_with("quake,,3,30.000,"));
    assert!(lines.next().unwrap().starts_with("ageing,,1,10.000,"));
    let items = &files.iter().find(|f| f.0 == "quiz_items.csv").unwrap().1;
    let mut lines = items.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("exhibit,scene,question,responses,p_correct,")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("quake,basics,q1,2,0.500,")
    );
}

#[test]
fn sessions_csv_has_a_row_per_visit() {
    let (data, _) = report_of(&Filter::default(), None);
    let text = csv::sessions(&data);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 4);
    assert!(
        rows[0]
            .starts_with("kiosk,session,start,lang,input,languages,end_reason,duration_s,active_s")
    );
    let s1 = rows.iter().find(|r| r.starts_with("a,s1,")).unwrap();
    assert_eq!(
        *s1,
        "a,s1,2026-11-27T09:00:00.000Z,en,touch,en,idle,185.000,95.000,1,2,2,1"
    );
    let s2 = rows.iter().find(|r| r.starts_with("a,s2,")).unwrap();
    assert!(
        s2.contains(",zh-Hans,gamepad,zh-Hans en,home,45.000,45.000,2,2,2,1"),
        "{s2}"
    );
}

#[test]
fn dates_and_kiosks_filter() {
    let from = Filter {
        from: Date::parse("2026-11-28"),
        ..Default::default()
    };
    let (_, r) = report_of(&from, None);
    assert_eq!(r.sessions, 1);
    assert_eq!(r.kiosks.len(), 1);
    let only_a = Filter {
        kiosks: vec!["a".into()],
        ..Default::default()
    };
    let (_, r) = report_of(&only_a, None);
    assert_eq!(r.sessions, 2);
    assert_eq!(r.filtered_out, 6);
}

fn content() -> ContentInfo {
    let q = |id: &str, correct: u32| QuestionInfo {
        id: id.into(),
        prompt: format!("Question {id}?"),
        choices: vec!["A".into(), "B".into(), "C".into()],
        correct: vec![correct],
    };
    ContentInfo {
        exhibits: vec![
            ExhibitInfo {
                id: "quake".into(),
                title: "Earthquake safety".into(),
                scenes: vec![
                    SceneInfo {
                        id: "basics".into(),
                        title: "Basics".into(),
                        kind: "quiz".into(),
                        needs_s: 60.0,
                        questions: vec![q("q1", 1), q("q2", 2)],
                    },
                    SceneInfo {
                        id: "practice".into(),
                        title: "Practice".into(),
                        kind: "quiz".into(),
                        needs_s: 40.0,
                        questions: vec![],
                    },
                    SceneInfo {
                        id: "never".into(),
                        title: "Never reached".into(),
                        kind: "quiz".into(),
                        needs_s: 20.0,
                        questions: vec![],
                    },
                ],
            },
            ExhibitInfo {
                id: "unused".into(),
                title: "Nobody came".into(),
                scenes: vec![],
            },
        ],
    }
}

#[test]
fn content_adds_order_titles_and_holding_power() {
    let c = content();
    let (_, r) = report_of(&Filter::default(), Some(&c));
    let quake = r.exhibits.iter().find(|e| e.id == "quake").unwrap();
    assert_eq!(quake.title.as_deref(), Some("Earthquake safety"));
    assert_eq!(quake.needs_s, Some(120.0));
    // Median active 30 s of 120 s needed.
    assert_eq!(quake.holding_power, Some(0.25));
    // Three scenes: more than half is two; only s1 saw two; nobody saw all three.
    assert_eq!(
        (quake.scene_count, quake.diligent, quake.completed),
        (3, 1, 0)
    );
    let ids: Vec<&str> = quake.scenes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["basics", "practice", "never"]);
    assert!(r.exhibits.iter().any(|e| e.id == "unused" && e.visits == 0));
    let q2 = r.quiz_items.iter().find(|q| q.question == "q2").unwrap();
    assert_eq!(q2.prompt.as_deref(), Some("Question q2?"));
    assert_eq!(q2.choices[0].text.as_deref(), Some("A"));
}

#[test]
fn questions_are_flagged_from_enough_answers() {
    use usage_log::reader::parse_line;
    let mut data = Dataset::new(&Filter::default());
    // 20 visits answer q "easy" (all right) and "trap" (choice 0 wrong, picked by 15).
    for i in 0..20 {
        for (q, choice, correct) in [
            ("easy", 1, true),
            ("trap", if i < 15 { 0 } else { 1 }, i >= 15),
        ] {
            let line = format!(
                r#"{{"v":1,"ts":"2026-11-28T10:00:{i:02}.000Z","kiosk":"k","event":"quiz_answer","session":"s{i}","exhibit":"e","scene":"s","question":"{q}","choice":[{choice}],"correct":{correct}}}"#
            );
            data.add(&parse_line(line.as_bytes()).unwrap());
        }
    }
    data.finish();
    let r = analyse(&data, None, &Options::default());
    let easy = r.quiz_items.iter().find(|q| q.question == "easy").unwrap();
    let trap = r.quiz_items.iter().find(|q| q.question == "trap").unwrap();
    assert_eq!(easy.flags, [analysis::Flag::TooEasy]);
    assert_eq!(
        trap.flags,
        [analysis::Flag::TooHard, analysis::Flag::Misleading]
    );
    assert_eq!(trap.p_correct, 0.25);
}

#[test]
fn a_wild_choice_index_does_not_make_millions_of_rows() {
    use usage_log::reader::parse_line;
    let mut data = Dataset::new(&Filter::default());
    for (i, choice) in [4_294_967_295u32, 4_000_000_000, 1].into_iter().enumerate() {
        let line = format!(
            r#"{{"v":1,"ts":"2026-11-28T10:00:0{i}.000Z","kiosk":"k","event":"quiz_answer","session":"s{i}","exhibit":"e","scene":"s","question":"q","choice":[{choice}],"correct":false}}"#
        );
        data.add(&parse_line(line.as_bytes()).unwrap());
    }
    data.finish();
    let r = analyse(&data, None, &Options::default());
    let q = &r.quiz_items[0];
    assert_eq!(q.responses, 3);
    assert_eq!(q.choices.len(), 1);
    // No right choice known: nothing can be called misleading.
    assert!(q.flags.is_empty(), "{:?}", q.flags);
}

#[test]
fn local_days_filter_with_the_venue_offset() {
    // 2026-11-28 in UTC+08:00 runs from 2026-11-27T16:00Z: s2 (14:00Z on the 27th) is
    // outside, kiosk b's visit (10:00Z on the 28th) inside.
    let filter = Filter {
        from: Date::parse("2026-11-28"),
        utc_offset_minutes: 480,
        ..Default::default()
    };
    let (_, r) = report_of(&filter, None);
    assert_eq!(r.sessions, 1);
    let filter = Filter {
        to: Date::parse("2026-11-27"),
        utc_offset_minutes: -660,
        ..Default::default()
    };
    // 2026-11-27 in UTC−11:00 ends at 2026-11-28T11:00Z: all three visits.
    let (d, r) = report_of(&filter, None);
    assert_eq!(
        r.sessions,
        3,
        "{:?} {:?}",
        d.sessions.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        r.kiosks
    );
}

#[test]
fn html_is_self_contained_and_explains_itself() {
    let c = content();
    let (_, r) = report_of(&Filter::default(), Some(&c));
    let page = html::page(&r, usage_log::time::Timestamp(0), &words::EN);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing fetched"
    );
    for needle in [
        "Earthquake safety",
        "<svg",
        "Holding power",
        "half line (power cut",
        "Question q1?",
        "Unclean restarts",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
}

#[test]
fn the_page_speaks_chinese_for_zh() {
    let c = content();
    let (_, r) = report_of(&Filter::default(), Some(&c));
    let page = html::page(
        &r,
        usage_log::time::Timestamp(0),
        words::Words::for_lang("zh-Hans"),
    );
    assert!(page.contains(r#"<html lang="zh-Hans">"#));
    for needle in [
        "观众参与报告",
        "每日参观",
        "周五",
        "吸引力",
        "分 ",
        "秒",
        "离开",
        "主动结束",
        "半行",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    for english in [
        "Visits per day",
        "Holding power",
        "How visits ended",
        "walked away",
        " min ",
    ] {
        assert!(!page.contains(english), "{english}");
    }
    // Every Chinese template keeps the placeholders of its English one.
    let (en, zh) = (&words::EN, &words::ZH);
    for (a, b) in [
        (en.kiosks, zh.kiosks),
        (en.times_in, zh.times_in),
        (en.made, zh.made),
        (en.logged_end, zh.logged_end),
        (en.changed_language, zh.changed_language),
        (en.data_line, zh.data_line),
        (en.outside, zh.outside),
        (en.n_visits, zh.n_visits),
        (en.choice_n, zh.choice_n),
        (en.dist_line, zh.dist_line),
        (en.secs, zh.secs),
        (en.mins_secs, zh.mins_secs),
        (en.hours_mins, zh.hours_mins),
    ] {
        let holes = |t: &str| {
            let mut v: Vec<String> = t
                .split('{')
                .skip(1)
                .map(|p| p.split('}').next().unwrap().to_owned())
                .collect();
            v.sort();
            v
        };
        assert_eq!(holes(a), holes(b), "{a} / {b}");
    }
}

#[test]
fn xapi_statements_tell_each_visit() {
    let (data, r) = report_of(&Filter::default(), None);
    let mut out = Vec::new();
    let n = xapi::write(&data, &r, "https://museum.example/kiosk/", &mut out).unwrap();
    let statements: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(statements.len() as u64, n);
    let s1: Vec<&serde_json::Value> = statements
        .iter()
        .filter(|s| s["actor"]["account"]["name"] == "a/s1")
        .collect();
    let verbs: Vec<&str> = s1
        .iter()
        .map(|s| s["verb"]["display"]["en-US"].as_str().unwrap())
        .collect();
    assert_eq!(
        verbs,
        [
            "launched",
            "experienced",
            "experienced",
            "answered",
            "answered",
            "answered",
            "completed",
            "terminated"
        ]
    );
    assert_eq!(
        s1[0]["verb"]["id"],
        "http://adlnet.gov/expapi/verbs/launched"
    );
    assert_eq!(
        s1[1]["object"]["id"],
        "https://museum.example/kiosk/exhibits/quake/scenes/basics"
    );
    assert_eq!(s1[1]["result"]["duration"], "PT1M");
    assert_eq!(s1[3]["result"]["success"], true);
    assert_eq!(s1[7]["result"]["duration"], "PT3M5S");
    // Ids are stable across exports and unique.
    let mut again = Vec::new();
    xapi::write(&data, &r, "https://museum.example/kiosk/", &mut again).unwrap();
    let first_id = statements[0]["id"].as_str().unwrap();
    assert!(String::from_utf8(again).unwrap().contains(first_id));
    let mut ids: Vec<&str> = statements
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), statements.len());
}
