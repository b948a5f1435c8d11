using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Uploads;

/// <summary>
/// A tus PATCH: claims the upload (<see cref="UploadWriters"/>), appends the body to the staged file, then records the
/// new offset; the last chunk completes the upload and queues its video's processing in one transaction.
/// </summary>
public sealed class UploadAppender(
    FramecastDbContext db,
    UploadStaging staging,
    UploadWriters writers,
    VideoIntake intake,
    IOptions<UploadsOptions> options,
    FramecastMetrics metrics)
{
    /// <summary>Appends a PATCH body at <paramref name="offset"/>; <paramref name="upload"/> holds the upload's state afterwards.</summary>
    public async Task<AppendOutcome> AppendAsync(Upload upload, long offset, Stream body, UploadChecksum? checksum, CancellationToken requestAborted)
    {
        var outcome = await AppendClaimedAsync(upload, offset, body, checksum, requestAborted);
        await db.Entry(upload).ReloadAsync(CancellationToken.None);
        return outcome;
    }

    private async Task<AppendOutcome> AppendClaimedAsync(Upload upload, long offset, Stream body, UploadChecksum? checksum, CancellationToken requestAborted)
    {
        if (await writers.TryClaimAsync(upload.Id, offset, requestAborted) is not { } writer)
        {
            // Another PATCH is appending (on this node or another), or the offset is not where the upload is.
            return AppendOutcome.OffsetMismatch;
        }
        AppendOutcome outcome;
        long written;
        await using (var held = writers.Hold(upload.Id, writer))
        {
            using var append = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, held.Lost);
            (outcome, written) = await staging.AppendAsync(upload.Id, offset, body, upload.Length - offset, checksum, append.Token);
            metrics.UploadBytesReceived("tus", written);
            if (held.Lost.IsCancellationRequested)
            {
                outcome = AppendOutcome.OffsetMismatch;
            }
        }
        if (outcome != AppendOutcome.Appended)
        {
            await writers.ReleaseAsync(upload.Id, writer, CancellationToken.None);
            return outcome;
        }
        // From here on the bytes are on disk: record them even if the client has gone.
        var recorded = offset + written == upload.Length
            ? await CompleteAsync(upload, writer)
            : await writers.CommitAsync(upload.Id, writer, offset, written, options.Value.ExpireAfter, CancellationToken.None);
        if (recorded && offset + written < upload.Length)
        {
            await intake.SetUploadProgressAsync(upload.VideoId, (int)((offset + written) * 100 / Math.Max(1, upload.Length)), CancellationToken.None);
        }
        return recorded ? AppendOutcome.Appended : AppendOutcome.OffsetMismatch;
    }

    /// <summary>
    /// One transaction: hashes and completion on the upload, <c>processing</c> and the pipeline's first job on the
    /// video. The staged file stays where it is; the pipeline imports it into media storage.
    /// </summary>
    private async Task<bool> CompleteAsync(Upload upload, string writer)
    {
        var (sha256, md5) = await staging.FinishHashesAsync(upload.Id, upload.Length, CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (!await writers.CompleteAsync(upload.Id, writer, upload.Length, sha256, md5, CancellationToken.None))
        {
            return false;
        }
        await intake.StageProcessingAsync(upload.VideoId, transaction, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        metrics.UploadCompleted("tus");
        return true;
    }
}
