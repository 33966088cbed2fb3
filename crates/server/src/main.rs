use clap::Parser;
use lianban_server::{config::Config, serve};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    lianban_server::logging::init(config.dev);
    serve(config).await
}
