//! The catalogue's answers as a phone's cache sees them, over HTTP against the real server:
//! strong ETags, `304 Not Modified`, `Cache-Control`, one tag per compressed form, and tags
//! that follow the data.

mod common;

use common::{copy_of_repo_data, TestServer};
use reqwest::header::{HeaderMap, ACCEPT_ENCODING, CACHE_CONTROL, IF_NONE_MATCH};
use std::io::Read;

/// One answer of each kind: a browse page, a search, a matter, a theme, the halls, a hall,
/// the departments, the themes.
const PATHS: [&str; 8] = [
    "/api/v1/matters?per_page=20",
    "/api/v1/matters?q=营业执照",
    "/api/v1/matters/SCJG-001",
    "/api/v1/themes/open-restaurant",
    "/api/v1/halls",
    "/api/v1/halls/city-centre",
    "/api/v1/departments",
    "/api/v1/themes?q=开饭店",
];

async fn get(s: &TestServer, path: &str, headers: &[(&str, &str)]) -> (u16, HeaderMap, Vec<u8>) {
    let mut req = s.client.get(format!("{}{}", s.base, path));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().to_vec())
}

fn etag(headers: &HeaderMap) -> String {
    headers
        .get("etag")
        .unwrap_or_else(|| panic!("no ETag in {headers:?}"))
        .to_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn every_catalogue_answer_has_a_strong_etag_and_may_be_kept_five_minutes() {
    let s = TestServer::start().await;
    for path in PATHS {
        let (status, first, body) = get(&s, path, &[]).await;
        assert_eq!(status, 200, "{path}");
        let tag = etag(&first);
        assert!(
            tag.starts_with('"') && tag.ends_with('"') && tag.len() >= 18,
            "a strong tag of a 64-bit or longer hash: {tag}"
        );
        assert!(!tag.starts_with("W/"));
        assert_eq!(first[CACHE_CONTROL], "public, max-age=300", "{path}");
        assert_eq!(first["vary"], "accept-encoding", "{path}");
        serde_json::from_slice::<serde_json::Value>(&body).expect("the body is JSON");
        let (_, again, body_again) = get(&s, path, &[]).await;
        assert_eq!(etag(&again), tag, "{path}: the same answer, the same tag");
        assert_eq!(body_again, body);
    }
}

#[tokio::test]
async fn if_none_match_gives_304_without_a_body() {
    let s = TestServer::start().await;
    for path in PATHS {
        let (_, first, _) = get(&s, path, &[]).await;
        let tag = etag(&first);
        let weak = format!("W/{tag}");
        let listed = format!("\"0000\", {tag}");
        for sent in [tag.as_str(), weak.as_str(), listed.as_str(), "*"] {
            let (status, headers, body) = get(&s, path, &[("if-none-match", sent)]).await;
            assert_eq!(status, 304, "{path} with If-None-Match: {sent}");
            assert!(body.is_empty(), "a 304 has no body");
            assert_eq!(etag(&headers), tag);
            assert_eq!(headers[CACHE_CONTROL], "public, max-age=300");
        }
        let (status, _, body) = get(&s, path, &[("if-none-match", "\"stale\"")]).await;
        assert_eq!(status, 200, "{path}: another tag is not this answer");
        assert!(!body.is_empty());
    }
    // A 304 is for the catalogue only: personal answers stay no-store.
    let res = s.get("/api/v1/appointments").await;
    assert_eq!(res.headers()[CACHE_CONTROL], "no-store");
    // Errors are not kept either.
    let (status, headers, _) = get(&s, "/api/v1/matters/NO-SUCH", &[]).await;
    assert_eq!(status, 404);
    assert!(headers.get("etag").is_none());
    assert_eq!(headers[CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn another_page_or_query_is_another_answer_with_another_tag() {
    let s = TestServer::start().await;
    let mut seen = std::collections::HashMap::new();
    for path in [
        "/api/v1/matters",
        "/api/v1/matters?page=2",
        "/api/v1/matters?per_page=10",
        "/api/v1/matters?q=营业执照",
        "/api/v1/matters?q=开饭店",
        "/api/v1/matters?flag=immediate",
        "/api/v1/matters?department=scjgj",
        "/api/v1/themes",
        "/api/v1/themes?q=开饭店",
        "/api/v1/halls?per_page=1",
        "/api/v1/halls?page=2&per_page=1",
    ] {
        let (status, headers, _) = get(&s, path, &[]).await;
        assert_eq!(status, 200, "{path}");
        let tag = etag(&headers);
        if let Some(other) = seen.insert(tag.clone(), path) {
            panic!("{path} and {other} share the tag {tag}");
        }
        // The tag of one answer does not revalidate another.
        let (status, _, _) = get(&s, "/api/v1/matters?page=3", &[("if-none-match", &tag)]).await;
        assert_eq!(status, 200, "{path}'s tag on page 3");
    }
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// A strong tag names one representation: the brotli and gzip forms have their own, and the
/// compression layer never compresses an answer behind its tag's back.
#[tokio::test]
async fn each_compressed_form_has_its_own_tag() {
    let s = TestServer::start().await;
    for path in PATHS {
        let (_, plain_headers, plain) = get(&s, path, &[("accept-encoding", "identity")]).await;
        assert!(plain_headers.get("content-encoding").is_none(), "{path}");
        let plain_tag = etag(&plain_headers);
        let mut tags = vec![plain_tag.clone()];
        for (accept, coding) in [
            ("gzip, deflate, br", "br"),
            ("br;q=0.5, gzip", "gzip"),
            ("gzip;q=0, br;q=0", ""),
        ] {
            let (status, headers, body) =
                get(&s, path, &[(ACCEPT_ENCODING.as_str(), accept)]).await;
            assert_eq!(status, 200);
            let sent = headers
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            assert_eq!(sent, coding, "{path} with Accept-Encoding: {accept}");
            let decoded = match coding {
                "br" => unbrotli(&body),
                "gzip" => gunzip(&body),
                _ => body,
            };
            assert_eq!(decoded, plain, "{path}: every form is the same JSON");
            let tag = etag(&headers);
            if coding.is_empty() {
                assert_eq!(tag, plain_tag);
            } else {
                assert!(
                    !tags.contains(&tag),
                    "{path}: {coding} has a tag of its own"
                );
                tags.push(tag.clone());
                let (status, _, _) = get(
                    &s,
                    path,
                    &[
                        (ACCEPT_ENCODING.as_str(), accept),
                        (IF_NONE_MATCH.as_str(), &tag),
                    ],
                )
                .await;
                assert_eq!(status, 304, "{path}: the {coding} form revalidates");
                let (status, _, _) = get(&s, path, &[(IF_NONE_MATCH.as_str(), &tag)]).await;
                assert_eq!(status, 200, "{path}: but it is not the identity form");
            }
        }
    }
}

#[tokio::test]
async fn the_tags_follow_the_data() {
    let original = TestServer::start().await;
    // The same data/ once more, with one matter renamed.
    let data = copy_of_repo_data();
    let file = data.path().join("matters/scjgj.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let renamed = text.replacen(
        "name = \"企业设立登记（有限责任公司、个人独资企业、合伙企业）\"",
        "name = \"企业设立登记（有限责任公司、个人独资企业、合伙企业、农民专业合作社）\"",
        1,
    );
    assert_ne!(renamed, text, "the test's matter is still in data/");
    std::fs::write(&file, renamed).unwrap();
    let changed =
        TestServer::start_in(tempfile::tempdir().unwrap(), data.path().to_path_buf()).await;

    for (path, follows) in [
        ("/api/v1/matters/SCJG-001", true),
        ("/api/v1/matters?department=scjgj", true),
        ("/api/v1/matters?q=营业执照", true),
        ("/api/v1/themes/open-restaurant", true),
        // Untouched by the change: the same bytes on another server give the same tag, so a
        // phone's copy stays good across a restart or another replica.
        ("/api/v1/matters/CG-001", false),
        ("/api/v1/halls", false),
    ] {
        let (_, before, _) = get(&original, path, &[]).await;
        let (_, after, body) = get(&changed, path, &[]).await;
        if follows {
            assert_ne!(etag(&before), etag(&after), "{path} changed with the data");
            assert!(String::from_utf8(body).unwrap().contains("农民专业合作社"));
            // A phone's old copy is not revalidated: it gets the new answer.
            let (status, _, _) =
                get(&changed, path, &[(IF_NONE_MATCH.as_str(), &etag(&before))]).await;
            assert_eq!(status, 200, "{path}");
        } else {
            assert_eq!(etag(&before), etag(&after), "{path} did not change");
            let (status, _, _) =
                get(&changed, path, &[(IF_NONE_MATCH.as_str(), &etag(&before))]).await;
            assert_eq!(status, 304, "{path}");
        }
    }
}

#[tokio::test]
async fn the_openapi_document_describes_revalidation() {
    let s = TestServer::start().await;
    let doc = s.json("/api/v1/openapi.json", 200).await;
    for path in [
        "/api/v1/matters",
        "/api/v1/matters/{code}",
        "/api/v1/themes",
        "/api/v1/themes/{id}",
        "/api/v1/departments",
        "/api/v1/halls",
        "/api/v1/halls/{id}",
    ] {
        let op = &doc["paths"][path]["get"];
        assert!(
            op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == "If-None-Match" && p["in"] == "header"),
            "{path}"
        );
        assert!(op["responses"]["304"].is_object(), "{path}");
        assert_eq!(op["responses"]["200"]["headers"]["ETag"]["required"], true);
    }
    // Personal answers are not revalidated.
    assert!(doc["paths"]["/api/v1/appointments"]["get"]["responses"]["304"].is_null());
}
