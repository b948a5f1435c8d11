using System.Text;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Framecast.Features.Uploads;

/// <summary>
/// <c>POST /api/v1/videos</c> as multipart: the <c>file</c> part streams to disk through the same staging as tus
/// (never buffered whole, the form is not parsed into memory); small text parts are read with a cap.
/// </summary>
public sealed class SimpleUploadService(FramecastDbContext db, UploadStaging staging, VideoIntake videos, IOptions<UploadsOptions> options, TimeProvider clock,
    Infrastructure.Telemetry.FramecastMetrics metrics)
{
    private const int MaxFieldBytes = 16 * 1024;

    public async Task<SimpleUploadResult> ReceiveAsync(HttpRequest request, string ownerId, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return SimpleUploadResult.Invalid("file", "Send multipart/form-data with a 'file' part.");
        }
        var max = options.Value.MaxBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1024 * 1024;
        }
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = max + 1024 * 1024 };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? uploadId = null;
        string? filename = null;
        string? fileType = null;
        long length = 0;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                // IsFormDisposition() means a plain field; files are form-data with a file name.
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition() && name == "file")
                {
                    if (uploadId is not null)
                    {
                        return Discard(uploadId, SimpleUploadResult.Invalid("file", "Send one file per request."));
                    }
                    uploadId = Ids.New();
                    filename = VideoFields.SafeFilename(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                    fileType = section.ContentType;
                    staging.Create(uploadId);
                    var (outcome, written) = await staging.AppendAsync(uploadId, 0, section.Body, max, null, cancellationToken, keepPartial: false);
                    metrics.UploadBytesReceived("form", written);
                    if (outcome == AppendOutcome.TooLarge)
                    {
                        return Discard(uploadId, SimpleUploadResult.TooLarge(max));
                    }
                    length = written;
                }
                else if (!disposition.IsFileDisposition())
                {
                    var value = await ReadFieldAsync(section.Body, cancellationToken);
                    if (value is null)
                    {
                        return Discard(uploadId, SimpleUploadResult.Invalid(name, $"Form fields are limited to {MaxFieldBytes} bytes."));
                    }
                    fields[name] = value;
                }
            }
        }
        catch (InvalidDataException)
        {
            // Multipart framing broken or the body over BodyLengthLimit.
            return Discard(uploadId, SimpleUploadResult.Invalid("file", "The multipart body is malformed or too large."));
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The body ended, at its declared length, before the closing boundary: the client's mistake, not ours.
            return Discard(uploadId, SimpleUploadResult.Invalid("file", "The multipart body ended before its closing boundary."));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away: nothing half-written stays behind.
            Discard(uploadId, null);
            throw;
        }
        if (uploadId is null || length == 0)
        {
            return Discard(uploadId, SimpleUploadResult.Invalid("file", "Attach the video as the 'file' part."));
        }
        var errors = new Dictionary<string, string[]>();
        var input = VideoFields.From(fields.GetValueOrDefault("title"), fields.GetValueOrDefault("description"), fields.GetValueOrDefault("visibility"), filename, fields.GetValueOrDefault("watermark"), errors);
        if (input is null)
        {
            return Discard(uploadId, SimpleUploadResult.Invalid(errors));
        }
        var (sha256, md5) = await staging.FinishHashesAsync(uploadId, length, cancellationToken);
        // The video, its first job and the upload's record commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var video = await videos.CreateForProcessingAsync(ownerId, input, transaction, CancellationToken.None);
        var now = clock.UtcNowMicros();
        db.Uploads.Add(new Upload
        {
            Id = uploadId,
            OwnerId = ownerId,
            VideoId = video.Id,
            Length = length,
            Offset = length,
            Filename = filename!,
            ContentType = fileType,
            Sha256 = sha256,
            Md5 = md5,
            CreatedAt = now,
            ExpiresAt = now,
            CompletedAt = now,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        metrics.UploadCompleted("form");
        return SimpleUploadResult.Accepted(video);
    }

    private SimpleUploadResult Discard(string? uploadId, SimpleUploadResult? result)
    {
        if (uploadId is not null)
        {
            staging.Delete(uploadId);
        }
        return result!;
    }

    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxFieldBytes)
            {
                return null;
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
