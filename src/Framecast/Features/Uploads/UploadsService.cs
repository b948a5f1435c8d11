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
    VideoIntake videos,
    IOptions<UploadsOptions> options,
    TimeProvider clock)
{
    public async Task<Upload> CreateAsync(string ownerId, long length, string rawMetadata, NewVideo video, string filename, string? contentType, CancellationToken cancellationToken)
    {
        var created = await videos.CreateUploadingAsync(ownerId, video, cancellationToken);
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

    /// <summary>
    /// Removes an unfinished upload with its bytes and placeholder video. False once it is complete: its bytes are then
    /// a video's source, which only deleting the video removes.
    /// </summary>
    public async Task<bool> TerminateAsync(Upload upload, CancellationToken cancellationToken)
    {
        // Conditional: the final PATCH (on any node) may have completed it meanwhile. A PATCH still appending finds the
        // row gone and records nothing.
        if (await db.Uploads.Where(u => u.Id == upload.Id && u.CompletedAt == null).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }
        await videos.DiscardUploadingAsync(upload.VideoId, cancellationToken);
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
        var removed = 0;
        foreach (var upload in expired)
        {
            // Not one a PATCH is appending to right now (its commit pushes the expiry out again).
            if (await db.Uploads.Where(u => u.Id == upload.Id && u.CompletedAt == null && u.ExpiresAt <= now && (u.WriterId == null || u.WriterUntil < now))
                    .ExecuteDeleteAsync(cancellationToken) == 1)
            {
                await videos.DiscardUploadingAsync(upload.VideoId, cancellationToken);
                staging.Delete(upload.Id);
                removed++;
            }
        }
        return removed;
    }
}
