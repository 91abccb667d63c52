//! The route builder every feature registers with: it builds the axum router and records each
//! (method, path), so that [`crate::app::route_table`] lists every route of the application (the
//! authorization matrix test fails on a route it has no case for).
//!
//! ```ignore
//! pub fn routes() -> Routes {
//!     Routes::new()
//!         .get("/console/editions", list)
//!         .get_post("/console/editions/nouvelle", new_form, create)
//! }
//! ```

use std::collections::BTreeMap;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::MethodRouter;

use crate::state::AppState;

/// Routes of one feature (or of the whole application, once merged).
#[derive(Default)]
pub struct Routes {
    paths: BTreeMap<&'static str, MethodRouter<AppState>>,
    table: Vec<(Method, &'static str)>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        f: impl FnOnce(MethodRouter<AppState>) -> MethodRouter<AppState>,
    ) -> Routes {
        assert!(
            !self.table.iter().any(|(m, p)| *m == method && *p == path),
            "{method} {path} is registered twice"
        );
        let router = self.paths.remove(path).unwrap_or_default();
        self.paths.insert(path, f(router));
        self.table.push((method, path));
        self
    }

    pub fn get<H, T>(self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, path, |r| r.get(handler))
    }

    pub fn post<H, T>(self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, |r| r.post(handler))
    }

    /// A form page: its GET shows it, its POST handles it.
    pub fn get_post<G, TG, P, TP>(self, path: &'static str, show: G, handle: P) -> Routes
    where
        G: Handler<TG, AppState>,
        TG: 'static,
        P: Handler<TP, AppState>,
        TP: 'static,
    {
        self.get(path, show).post(path, handle)
    }

    /// Adds another feature's routes.
    pub fn merge(mut self, other: Routes) -> Routes {
        for (method, path) in other.table.iter() {
            assert!(
                !self.table.iter().any(|(m, p)| m == method && p == path),
                "{method} {path} is registered by two features"
            );
        }
        for (path, router) in other.paths {
            let merged = match self.paths.remove(path) {
                Some(mine) => mine.merge(router),
                None => router,
            };
            self.paths.insert(path, merged);
        }
        self.table.extend(other.table);
        self
    }

    /// Every (method, path) registered, in registration order.
    pub fn table(&self) -> Vec<(Method, &'static str)> {
        self.table.clone()
    }

    pub(crate) fn into_router(self) -> Router<AppState> {
        self.paths
            .into_iter()
            .fold(Router::new(), |router, (path, methods)| {
                router.route(path, methods)
            })
    }
}
