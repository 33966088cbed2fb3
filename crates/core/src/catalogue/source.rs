//! Reads the human-edited seed files of `data/` (TOML) into a [`Catalogue`]. The caller does
//! the file I/O and hands over each file's path (relative to `data/`) and text, so that every
//! error can name the file and the entry it concerns.

use super::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DepartmentsFile {
    departments: Vec<Department>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    categories: Vec<Category>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HallsFile {
    halls: Vec<Hall>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldsFile {
    fields: Vec<crate::apply::FieldDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MattersFile {
    matters: Vec<Matter>,
}

/// Which entity each file holds is decided by where it lies:
/// `departments.toml`, `categories.toml`, `halls.toml`, `matters/*.toml` (many matters each),
/// `themes/*.toml` (one theme each). Other files are ignored (the calendar has its own reader).
pub fn parse_catalogue(files: &[(String, String)]) -> Result<Catalogue, Vec<String>> {
    let mut cat = Catalogue::default();
    let mut errors = Vec::new();
    // Where each entry came from, so cross-file errors can name the file.
    let mut origin: Vec<(String, String)> = Vec::new();
    let mut sorted: Vec<&(String, String)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, text) in sorted {
        let path = path.replace('\\', "/");
        let parsed: Result<(), toml::de::Error> = (|| {
            if path == "departments.toml" {
                let f: DepartmentsFile = toml::from_str(text)?;
                for d in &f.departments {
                    origin.push((format!("部门 {}", d.code), path.clone()));
                }
                cat.departments.extend(f.departments);
            } else if path == "categories.toml" {
                let f: CategoriesFile = toml::from_str(text)?;
                for c in &f.categories {
                    origin.push((format!("业务类别 {}", c.id), path.clone()));
                }
                cat.categories.extend(f.categories);
            } else if path == "halls.toml" {
                let f: HallsFile = toml::from_str(text)?;
                for h in &f.halls {
                    origin.push((format!("大厅 {}", h.id), path.clone()));
                }
                cat.halls.extend(f.halls);
            } else if path == "fields.toml" {
                let f: FieldsFile = toml::from_str(text)?;
                for x in &f.fields {
                    origin.push((format!("字段 {}", x.id), path.clone()));
                }
                cat.fields.extend(f.fields);
            } else if path.starts_with("matters/") && path.ends_with(".toml") {
                let f: MattersFile = toml::from_str(text)?;
                for m in &f.matters {
                    origin.push((format!("事项 {}", m.code), path.clone()));
                }
                cat.matters.extend(f.matters);
            } else if path.starts_with("themes/") && path.ends_with(".toml") {
                let t: Theme = toml::from_str(text)?;
                origin.push((format!("主题 {}", t.id), path.clone()));
                cat.themes.push(t);
            }
            Ok(())
        })();
        if let Err(e) = parsed {
            errors.push(format!("{path}: {e}"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let problems = cat.validate();
    if problems.is_empty() {
        return Ok(cat);
    }
    Err(problems
        .into_iter()
        .map(|p| {
            let file = origin
                .iter()
                .find(|(entry, _)| *entry == p.entry)
                .map(|(_, f)| f.as_str())
                .unwrap_or("data");
            format!("{file}: {p}")
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> (String, String) {
        (path.to_string(), text.to_string())
    }

    #[test]
    fn a_syntax_error_names_the_file() {
        let err = parse_catalogue(&[file("halls.toml", "[[halls]\n")]).unwrap_err();
        assert!(err[0].starts_with("halls.toml: "), "{err:?}");
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let err = parse_catalogue(&[file(
            "departments.toml",
            "[[departments]]\ncode='a'\nname='甲'\nphone='1'\ncolour='red'\n",
        )])
        .unwrap_err();
        assert!(err[0].contains("colour"), "{err:?}");
    }

    #[test]
    fn a_cross_file_error_names_the_file_and_the_entry() {
        let err = parse_catalogue(&[
            file(
                "categories.toml",
                "[[categories]]\nid='zh'\nname='综合窗口'\n",
            ),
            file(
                "halls.toml",
                "[[halls]]\nid='h1'\nname='大厅'\nlevel='city'\ndistrict='区'\naddress='路'\n\
                 latitude=30.0\nlongitude=114.0\nphone='1'\ncategories=['nope']\n\
                 hours=[{weekdays=[1,2,3,4,5], periods=[['09:00','17:00']]}]\n",
            ),
        ])
        .unwrap_err();
        assert_eq!(err, ["halls.toml: 大厅 h1: 业务类别 nope 不存在"]);
    }
}
