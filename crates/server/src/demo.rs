//! Demo citizens for development (`--dev` only): verified accounts with e-licences and
//! enterprises, and the platform's business-licence e-licences their enterprises are checked
//! against, so that every capability can be tried without a registry behind it.

use crate::store::{BusinessLicence, IdentityStore, NewLicence, VerifyOutcome};
use anyhow::{bail, Context};
use lianban_core::identity::{CreditCode, IdNumber, MobilePhone};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    citizens: Vec<DemoCitizen>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCitizen {
    phone: String,
    name: String,
    id_number: String,
    #[serde(default)]
    licences: Vec<DemoLicence>,
    #[serde(default)]
    enterprises: Vec<DemoEnterprise>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoLicence {
    kind: String,
    number: String,
    issuer: String,
    issued_on: String,
    #[serde(default)]
    valid_until: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoEnterprise {
    name: String,
    credit_code: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BusinessLicenceFile {
    licences: Vec<DemoBusinessLicence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoBusinessLicence {
    credit_code: String,
    name: String,
    legal_representative: String,
    legal_representative_id_number: String,
    issuer: String,
    issued_on: String,
}

/// The business licences of `data/demo/business-licences.toml`, before the citizens, so that
/// the demo enterprises are confirmed by them.
async fn seed_business_licences(store: &dyn IdentityStore, data_dir: &Path) -> anyhow::Result<()> {
    let path = data_dir.join("demo/business-licences.toml");
    if !path.exists() {
        return Ok(());
    }
    let text = std::fs::read_to_string(&path)?;
    let file: BusinessLicenceFile =
        toml::from_str(&text).with_context(|| format!("{} is not valid", path.display()))?;
    for l in &file.licences {
        let entry = || format!("{}: 营业执照 {}", path.display(), l.name);
        let code = CreditCode::parse(&l.credit_code)
            .map_err(|e| anyhow::anyhow!("{}: {}", entry(), e.message()))?;
        if !code.check_character_ok {
            bail!("{}: 统一社会信用代码校验位不符", entry());
        }
        let id_number = IdNumber::parse_except_today(&l.legal_representative_id_number)
            .map_err(|e| anyhow::anyhow!("{}: {}", entry(), e.message()))?;
        store
            .put_business_licence(&BusinessLicence {
                credit_code: code.code.as_str().to_string(),
                name: l.name.clone(),
                legal_representative: l.legal_representative.clone(),
                legal_representative_id_number: id_number.as_str().to_string(),
                issuer: l.issuer.clone(),
                issued_on: l.issued_on.clone(),
            })
            .await?;
    }
    Ok(())
}

pub async fn seed_demo_citizens(
    store: &dyn IdentityStore,
    data_dir: &Path,
    now: i64,
) -> anyhow::Result<()> {
    seed_business_licences(store, data_dir).await?;
    let path = data_dir.join("demo/citizens.toml");
    if !path.exists() {
        return Ok(());
    }
    let text = std::fs::read_to_string(&path)?;
    let file: DemoFile =
        toml::from_str(&text).with_context(|| format!("{} is not valid", path.display()))?;
    for c in &file.citizens {
        let entry = || format!("{}: 演示用户 {}", path.display(), c.name);
        let phone = MobilePhone::parse(&c.phone)
            .map_err(|e| anyhow::anyhow!("{}: {}", entry(), e.message()))?;
        let id_number = IdNumber::parse_except_today(&c.id_number)
            .map_err(|e| anyhow::anyhow!("{}: {}", entry(), e.message()))?;
        let id = store.citizen_for_phone(phone.as_str(), now).await?;
        let id_card = NewLicence {
            kind: "居民身份证".into(),
            number: id_number.as_str().into(),
            holder: c.name.clone(),
            issuer: "公安机关".into(),
            issued_on: "2020-01-01".into(),
            valid_until: None,
        };
        if store
            .verify_identity(id, &c.name, id_number.as_str(), &id_card, now)
            .await?
            != VerifyOutcome::Verified
        {
            bail!("{}: 身份证号码已被其他账号使用", entry());
        }
        for l in &c.licences {
            let licence = NewLicence {
                kind: l.kind.clone(),
                number: l.number.clone(),
                holder: c.name.clone(),
                issuer: l.issuer.clone(),
                issued_on: l.issued_on.clone(),
                valid_until: l.valid_until.clone(),
            };
            store.add_licence(id, &licence, now).await?;
        }
        for e in &c.enterprises {
            let code = CreditCode::parse(&e.credit_code)
                .map_err(|err| anyhow::anyhow!("{}: {}", entry(), err.message()))?;
            store
                .add_enterprise(
                    id,
                    &e.name,
                    code.code.as_str(),
                    code.check_character_ok,
                    now,
                )
                .await?;
        }
    }
    tracing::info!(count = file.citizens.len(), "DEV: demo citizens ready");
    Ok(())
}
