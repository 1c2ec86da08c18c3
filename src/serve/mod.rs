//! `mtlint serve`: an HTTP server that answers LanguageTool's API (so that
//! its clients show mtlint's findings), mtlint's own JSON API, and a page
//! for editors. Routing and the limits that keep it safe live here.

mod annotated;
mod engine;
mod error;
mod languagetool;
mod native;
mod page;
mod utf16;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};

pub use engine::Defaults;
use engine::Engine;

use crate::linter::Linter;

/// Limits and defaults of a server.
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// Largest request body, in bytes; larger ones get 413.
    pub max_body: usize,
    /// Longest a check may take, waiting for its turn included.
    pub time_limit: Duration,
    /// Checks running at once; more wait for their turn.
    pub max_concurrent: usize,
    pub defaults: Defaults,
}

/// A server bound to its address, not yet serving.
pub struct Server {
    listener: std::net::TcpListener,
    app: Router,
}

impl Server {
    /// Binds the address (port 0: any free port). `linter` is the one of
    /// the default language pair, already loaded (and so validated).
    pub fn bind(options: ServeOptions, linter: Linter) -> Result<Server, String> {
        let listener = std::net::TcpListener::bind(options.addr)
            .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
        let engine = Arc::new(Engine::new(
            options.defaults,
            linter,
            options.max_concurrent,
            options.time_limit,
        ));
        Ok(Server {
            listener,
            app: router(engine, options.max_body),
        })
    }

    pub fn local_addr(&self) -> Result<SocketAddr, String> {
        self.listener
            .local_addr()
            .map_err(|e| format!("cannot read the address listened on: {e}"))
    }

    /// Serves until Ctrl-C (or for ever, in a test's thread).
    pub fn run(self) -> Result<(), String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)
                .map_err(|e| format!("cannot listen: {e}"))?;
            axum::serve(listener, self.app)
                .with_graceful_shutdown(async {
                    // Without a signal handler the server runs until killed.
                    if tokio::signal::ctrl_c().await.is_err() {
                        std::future::pending::<()>().await;
                    }
                })
                .await
                .map_err(|e| format!("the server stopped: {e}"))
        })
    }
}

fn router(engine: Arc<Engine>, max_body: usize) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/page.js", get(page::script))
        .route("/page.css", get(page::style))
        .route(
            "/v2/check",
            post(languagetool::check).get(languagetool::check),
        )
        .route("/v2/languages", get(languagetool::languages))
        .route("/api/check", post(native::check))
        .route("/api/fix", post(native::fix))
        // Nothing else exists: no path reaches the file system.
        .fallback(|| async { (StatusCode::NOT_FOUND, "Error: not found\n") })
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(engine)
}
