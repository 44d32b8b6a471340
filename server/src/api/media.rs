//! `easychat.media.v1.MediaService`.

use easychat_proto::media::v1 as pb;
use easychat_proto::media::v1::media_service_server::MediaService;
use tonic::{Request, Response, Status};

use crate::api::auth::caller;
use crate::domain::media::{MediaLibrary, NewUpload};
use crate::wire;

pub struct MediaApi {
    pub media: MediaLibrary,
}

type Reply<T> = Result<Response<T>, Status>;

#[tonic::async_trait]
impl MediaService for MediaApi {
    #[tracing::instrument(skip_all)]
    async fn create_upload(
        &self,
        request: Request<pb::CreateUploadRequest>,
    ) -> Reply<pb::CreateUploadResponse> {
        let caller = caller(&request)?;
        let pb::CreateUploadRequest {
            kind,
            mime_type,
            size,
            sha256,
            file_name,
        } = request.into_inner();
        let kind = wire::media_kind_from_proto(kind)?;
        let upload = self
            .media
            .create_upload(
                caller.user_id(),
                NewUpload {
                    kind,
                    mime_type,
                    size,
                    sha256,
                    file_name,
                },
            )
            .await?;
        Ok(Response::new(pb::CreateUploadResponse {
            media: Some(wire::media(upload.media)),
            upload_method: upload.request.method.to_owned(),
            upload_url: upload.request.url,
            upload_headers: upload.request.headers.into_iter().collect(),
            expire_time: Some(wire::timestamp(upload.expires_at)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn complete_upload(
        &self,
        request: Request<pb::CompleteUploadRequest>,
    ) -> Reply<pb::CompleteUploadResponse> {
        let caller = caller(&request)?;
        let pb::CompleteUploadRequest { media_id } = request.into_inner();
        let media = self
            .media
            .complete_upload(caller.user_id(), &media_id)
            .await?;
        Ok(Response::new(pb::CompleteUploadResponse {
            media: Some(wire::media(media)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_download_url(
        &self,
        request: Request<pb::GetDownloadUrlRequest>,
    ) -> Reply<pb::GetDownloadUrlResponse> {
        let caller = caller(&request)?;
        let pb::GetDownloadUrlRequest { media_id } = request.into_inner();
        let download = self.media.download(caller.user_id(), &media_id).await?;
        Ok(Response::new(pb::GetDownloadUrlResponse {
            media: Some(wire::media(download.media)),
            url: download.url,
            expire_time: Some(wire::timestamp(download.expires_at)),
        }))
    }
}
