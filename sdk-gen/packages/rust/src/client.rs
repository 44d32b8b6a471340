//! A logged-in client: one HTTP/2 channel and the current token, added to every call.

use std::sync::{Arc, RwLock};

use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::media::v1::media_service_client::MediaServiceClient;
use easychat_proto::social::v1::social_service_client::SocialServiceClient;
use easychat_proto::user::v1::user_service_client::UserServiceClient;
use easychat_proto::user::v1::{LoginRequest, RegisterRequest, User};
use tonic::metadata::MetadataValue;
use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, Endpoint};
use tonic_types::StatusExt;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot connect to {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: tonic::transport::Error,
    },
    #[error(transparent)]
    Status(#[from] tonic::Status),
    #[error("the server answered without {0}")]
    MissingField(&'static str),
    #[error("the session has ended")]
    SessionClosed,
    /// An upload's PUT or a download's GET (to the pre-signed URL) answered other than 2xx.
    #[error("{method} of media answered HTTP {status}: {body}")]
    HttpStatus {
        method: String,
        status: u16,
        body: String,
    },
    /// An upload's PUT or a download's GET did not get an answer.
    #[error("media transfer failed: {0}")]
    Http(#[from] reqwest::Error),
    /// A media item whose kind is none of image, file and voice cannot be sent as a message.
    #[error("media {media_id} has kind {kind}, which no message can carry")]
    MediaKind { media_id: String, kind: i32 },
}

impl Error {
    /// The stable reason of a server error (`TOKEN_EXPIRED`, `NOT_FRIENDS`, `MEDIA_NOT_SHARED`,
    /// …; see docs/errors.md) from its `google.rpc.ErrorInfo`; `None` for other errors.
    pub fn reason(&self) -> Option<String> {
        match self {
            Error::Status(status) => status
                .get_details_error_info()
                .map(|info| info.reason)
                .filter(|reason| !reason.is_empty()),
            _ => None,
        }
    }
}

/// Adds the client's current token as `authorization: Bearer …`.
#[derive(Clone)]
pub struct TokenInterceptor {
    token: Arc<RwLock<Option<String>>>,
}

impl Interceptor for TokenInterceptor {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        let token = self.token.read().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(token) = token {
            let value = MetadataValue::try_from(format!("Bearer {token}"))
                .map_err(|_| tonic::Status::unauthenticated("the token is not valid metadata"))?;
            request.metadata_mut().insert("authorization", value);
        }
        Ok(request)
    }
}

/// A generated client whose calls carry the token.
pub type Authed = InterceptedService<Channel, TokenInterceptor>;

#[derive(Clone)]
pub struct Client {
    channel: Channel,
    token: Arc<RwLock<Option<String>>>,
    /// For the pre-signed media URLs (they need no token).
    pub(crate) http: reqwest::Client,
}

impl Client {
    /// Connects to a server, e.g. `http://127.0.0.1:50051`.
    pub async fn connect(url: &str) -> Result<Client, Error> {
        let connect_error = |source| Error::Connect {
            url: url.to_owned(),
            source,
        };
        let channel = Endpoint::from_shared(url.to_owned())
            .map_err(connect_error)?
            .connect()
            .await
            .map_err(connect_error)?;
        Ok(Client {
            channel,
            token: Arc::new(RwLock::new(None)),
            http: reqwest::Client::new(),
        })
    }

    /// Creates an account and logs in as it.
    pub async fn register(
        &self,
        phone: &str,
        password: &str,
        nickname: &str,
    ) -> Result<User, Error> {
        let response = self
            .users()
            .register(RegisterRequest {
                phone: phone.to_owned(),
                password: password.to_owned(),
                nickname: nickname.to_owned(),
                ..Default::default()
            })
            .await?
            .into_inner();
        self.set_token(response.token);
        response.user.ok_or(Error::MissingField("user"))
    }

    /// Logs in; later calls carry the new token.
    pub async fn login(&self, phone: &str, password: &str) -> Result<User, Error> {
        let response = self
            .users()
            .login(LoginRequest {
                phone: phone.to_owned(),
                password: password.to_owned(),
            })
            .await?
            .into_inner();
        self.set_token(response.token);
        response.user.ok_or(Error::MissingField("user"))
    }

    pub fn token(&self) -> Option<String> {
        self.token.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_token(&self, token: String) {
        *self.token.write().unwrap_or_else(|p| p.into_inner()) = Some(token);
    }

    pub fn users(&self) -> UserServiceClient<Authed> {
        UserServiceClient::with_interceptor(self.channel.clone(), self.interceptor())
    }

    pub fn social(&self) -> SocialServiceClient<Authed> {
        SocialServiceClient::with_interceptor(self.channel.clone(), self.interceptor())
    }

    pub fn im(&self) -> ImServiceClient<Authed> {
        ImServiceClient::with_interceptor(self.channel.clone(), self.interceptor())
    }

    /// Uploads and download URLs; [`upload`] and [`download`] do the whole round trip.
    ///
    /// [`upload`]: Client::upload
    /// [`download`]: Client::download
    pub fn media(&self) -> MediaServiceClient<Authed> {
        MediaServiceClient::with_interceptor(self.channel.clone(), self.interceptor())
    }

    fn interceptor(&self) -> TokenInterceptor {
        TokenInterceptor {
            token: self.token.clone(),
        }
    }
}
