//! The server settings under which a departing client stops its render.

use std::fmt;

use actix_http::{Request, Response};
use actix_service::IntoServiceFactory;
use actix_web::body::MessageBody;
use actix_web::dev::{AppConfig, Service, ServiceFactory};
use actix_web::{Error, HttpServer};

/// One call that gives an [`HttpServer`] the settings streamed pages need.
///
/// ```no_run
/// use actix_web::{App, HttpServer};
/// use htpy_actix::HtpyServerExt as _;
///
/// # actix_web::rt::System::new().block_on(async {
/// HttpServer::new(App::new)
///     .htpy_defaults()
///     .bind(("127.0.0.1", 8080))?
///     .run()
///     .await
/// # }).unwrap();
/// # Ok::<(), std::io::Error>(())
/// ```
pub trait HtpyServerExt: Sized {
    /// Sets `h1_allow_half_closed(false)`, so that a client's FIN mid-page
    /// stops the render at once (actix's default keeps rendering until a
    /// write fails, which a page waiting on a slow component may not make
    /// for a long time), and `tcp_nodelay(true)`, so that small streamed
    /// writes are not held back behind the previous one's ACK.
    ///
    /// The first costs HTTP/1 clients that half-close on purpose after
    /// their request (their response is dropped); browsers do not.
    ///
    /// ```
    /// use actix_web::{App, HttpServer};
    /// use htpy_actix::HtpyServerExt as _;
    ///
    /// let server = HttpServer::new(App::new).htpy_defaults();
    /// # drop(server);
    /// ```
    #[must_use]
    fn htpy_defaults(self) -> Self;
}

impl<F, I, S, B> HtpyServerExt for HttpServer<F, I, S, B>
where
    F: Fn() -> I + Send + Clone + 'static,
    I: IntoServiceFactory<S, Request>,
    S: ServiceFactory<Request, Config = AppConfig> + 'static,
    S::Error: Into<Error> + 'static,
    S::InitError: fmt::Debug,
    S::Response: Into<Response<B>> + 'static,
    <S::Service as Service<Request>>::Future: 'static,
    S::Service: 'static,
    B: MessageBody + 'static,
{
    fn htpy_defaults(self) -> Self {
        self.h1_allow_half_closed(false).tcp_nodelay(true)
    }
}
