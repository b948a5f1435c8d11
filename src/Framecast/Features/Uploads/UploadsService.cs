using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Uploads;

/// <summary>tus uploads: create (with an <c>uploading</c> video), append, terminate, and completion into processing.</summary>
public sealed class UploadsService(
    FramecastDbContext db,
    UploadStaging staging,
    VideosService videos,
    IOptions<UploadsOptions> options,
    TimeProvider clock)
{
    public async Task<Upload> CreateAsync(string ownerId, long length, string rawMetadata, NewVideo video, string filename, string? contentType, CancellationToken cancellationToken)
    {
        var created = await videos.CreateAsync(ownerId, video, VideoStatus.Uploading, cancellationToken);
        var now = clock.UtcNowMicros();
        var upload = new Upload
        {
            Id = Ids.New(),
            OwnerId = ownerId,
            VideoId = created.Id,
            Length = length,
            Metadata = rawMetadata,
            Filename = filename,
            ContentType = contentType,
            CreatedAt = now,
            ExpiresAt = now + options.Value.ExpireAfter,
        };
        staging.Create(upload.Id);
        db.Uploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        return upload;
    }

    /// <summary>The upload if it exists and belongs to <paramref name="ownerId"/>; others' uploads do not exist for them.</summary>
    public async Task<Upload?> FindAsync(string id, string ownerId, CancellationToken cancellationToken) =>
        Ids.IsValid(id) ? await db.Uploads.FirstOrDefaultAsync(u => u.Id == id && u.OwnerId == ownerId, cancellationToken) : null;

    public bool IsExpired(Upload upload) => !upload.IsComplete && upload.ExpiresAt <= clock.GetUtcNow().UtcDateTime;

    /// <summary>Appends a PATCH body at <paramref name="offset"/>; on the last byte the video moves to processing.</summary>
    public async Task<AppendOutcome> AppendAsync(Upload upload, long offset, Stream body, UploadChecksum? checksum, CancellationToken requestAborted)
    {
        using var _ = await staging.LockAsync(upload.Id, requestAborted);
        await db.Entry(upload).ReloadAsync(CancellationToken.None);
        if (offset != upload.Offset || upload.IsComplete)
        {
            return AppendOutcome.OffsetMismatch;
        }
        var (outcome, written) = await staging.AppendAsync(upload.Id, offset, body, upload.Length - offset, checksum, requestAborted);
        if (outcome != AppendOutcome.Appended)
        {
            return outcome;
        }
        // From here on the bytes are on disk: record them even if the client has gone.
        upload.Offset += written;
        upload.ExpiresAt = clock.UtcNowMicros() + options.Value.ExpireAfter;
        if (upload.Offset == upload.Length)
        {
            await CompleteAsync(upload, CancellationToken.None);
        }
        else
        {
            await db.SaveChangesAsync(CancellationToken.None);
            await videos.SetUploadProgressAsync(upload.VideoId, (int)(upload.Offset * 100 / Math.Max(1, upload.Length)), CancellationToken.None);
        }
        return AppendOutcome.Appended;
    }

    /// <summary>
    /// Removes an unfinished upload with its bytes and placeholder video. False once it is complete: its bytes are then
    /// a video's source, which only deleting the video removes.
    /// </summary>
    public async Task<bool> TerminateAsync(Upload upload, CancellationToken cancellationToken)
    {
        using var _ = await staging.LockAsync(upload.Id, cancellationToken);
        // The final PATCH may have completed it while this request waited for the lock.
        await db.Entry(upload).ReloadAsync(cancellationToken);
        if (upload.IsComplete)
        {
            return false;
        }
        await videos.DiscardUploadingAsync(upload.VideoId, cancellationToken);
        db.Uploads.Remove(upload);
        await db.SaveChangesAsync(cancellationToken);
        staging.Delete(upload.Id);
        return true;
    }

    /// <summary>The staged bytes of the finished upload that made this video, if they are still waiting to be imported.</summary>
    public async Task<string?> StagedFileForVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        var uploadId = await db.Uploads.Where(u => u.VideoId == videoId && u.CompletedAt != null).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        return uploadId is not null && File.Exists(staging.PathOf(uploadId)) ? staging.PathOf(uploadId) : null;
    }

    /// <summary>Removes the uploads (rows and any staged bytes) of a video being deleted.</summary>
    public async Task DiscardForVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        foreach (var id in await db.Uploads.Where(u => u.VideoId == videoId).Select(u => u.Id).ToListAsync(cancellationToken))
        {
            using var _ = await staging.LockAsync(id, cancellationToken);
            await db.Uploads.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken);
            staging.Delete(id);
        }
    }

    /// <summary>Removes unfinished uploads idle past their expiry: bytes, row and the placeholder video. Safe on several nodes at once.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var expired = await db.Uploads.AsNoTracking().Where(u => u.CompletedAt == null && u.ExpiresAt <= now)
            .OrderBy(u => u.ExpiresAt).Take(500).ToListAsync(cancellationToken);
        foreach (var upload in expired)
        {
            using var _ = await staging.LockAsync(upload.Id, cancellationToken);
            await videos.DiscardUploadingAsync(upload.VideoId, cancellationToken);
            await db.Uploads.Where(u => u.Id == upload.Id && u.CompletedAt == null).ExecuteDeleteAsync(cancellationToken);
            staging.Delete(upload.Id);
        }
        return expired.Count;
    }

    /// <summary>
    /// One transaction: hashes and completion on the upload, <c>processing</c> and the pipeline's first job on the
    /// video. The staged file stays where it is; the pipeline imports it into media storage.
    /// </summary>
    private async Task CompleteAsync(Upload upload, CancellationToken cancellationToken)
    {
        var (sha256, md5) = await staging.FinishHashesAsync(upload.Id, upload.Length, cancellationToken);
        upload.Sha256 = sha256;
        upload.Md5 = md5;
        upload.CompletedAt = clock.UtcNowMicros();
        await videos.StageProcessingAsync(upload.VideoId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
