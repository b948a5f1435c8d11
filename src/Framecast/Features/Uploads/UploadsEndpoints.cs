using System.Globalization;
using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Uploads;

/// <summary>The tus 1.0.0 server at <c>/api/v1/uploads</c> (core, creation, creation-with-upload, termination, checksum, expiration).</summary>
public static class UploadsEndpoints
{
    public static IEndpointRouteBuilder MapUploadsEndpoints(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/api/v1/uploads").WithTags("Uploads").AddEndpointFilter(TusResumableFilter);
        uploads.MapMethods("/", [HttpMethods.Options], DescribeServer);
        uploads.MapMethods("/{id}", [HttpMethods.Options], DescribeServer);
        uploads.MapPost("/", CreateUpload).RequireAuthorization();
        uploads.MapMethods("/{id}", [HttpMethods.Head], GetUploadOffset).RequireAuthorization();
        uploads.MapPatch("/{id}", AppendToUpload).RequireAuthorization();
        uploads.MapDelete("/{id}", TerminateUpload).RequireAuthorization();
        app.MapSimpleUploadEndpoints();
        return app;
    }

    private static NoContent DescribeServer(HttpResponse response, IOptions<UploadsOptions> options)
    {
        response.Headers["Tus-Version"] = TusProtocol.Version;
        response.Headers["Tus-Extension"] = TusProtocol.Extensions;
        response.Headers["Tus-Max-Size"] = options.Value.MaxBytes.ToString(CultureInfo.InvariantCulture);
        response.Headers["Tus-Checksum-Algorithm"] = UploadChecksum.Supported;
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CreateUpload(
        HttpContext http, ClaimsPrincipal user, UploadsService uploads, UploadAppender appender, IOptions<UploadsOptions> options, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.Headers.ContainsKey("Upload-Defer-Length") || !TusProtocol.TryParseLong(request.Headers["Upload-Length"], out var length))
        {
            return Problems.Create(400, "upload.length_required", "Upload-Length required", "Send the file size in Upload-Length (deferred lengths are not supported).");
        }
        if (length == 0)
        {
            return Problems.Validation("Upload-Length", "An empty file is not a video.");
        }
        if (length > options.Value.MaxBytes)
        {
            return TooLarge(options.Value.MaxBytes);
        }
        var rawMetadata = request.Headers["Upload-Metadata"].ToString();
        var metadata = UploadMetadata.Parse(rawMetadata, out var metadataError);
        if (metadata is null)
        {
            return Problems.Validation("Upload-Metadata", metadataError!);
        }
        var errors = new Dictionary<string, string[]>();
        var video = metadata.ToNewVideo(errors);
        if (video is null)
        {
            return Problems.Validation(errors);
        }
        var filename = VideoFields.SafeFilename(metadata.Get("filename") ?? metadata.Get("name"));
        var upload = await uploads.CreateAsync(Viewer.From(user).UserId!, length, rawMetadata, video, filename, metadata.Get("filetype"), cancellationToken);
        http.Response.Headers.Location = $"/api/v1/uploads/{upload.Id}";
        if (request.ContentType == TusProtocol.OffsetContentType)
        {
            // creation-with-upload: the first chunk rides on the POST.
            var outcome = await AppendBodyAsync(http, appender, upload, 0, cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }
        }
        TusProtocol.WriteUploadState(http.Response, upload);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetUploadOffset(string id, HttpContext http, ClaimsPrincipal user, UploadsService uploads, CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(id, Viewer.From(user).UserId!, cancellationToken);
        if (upload is null || uploads.IsExpired(upload))
        {
            return Gone(upload);
        }
        http.Response.Headers["Upload-Metadata"] = upload.Metadata;
        TusProtocol.WriteUploadState(http.Response, upload);
        return Results.Ok();
    }

    private static async Task<IResult> AppendToUpload(
        string id, HttpContext http, ClaimsPrincipal user, UploadsService uploads, UploadAppender appender, CancellationToken cancellationToken)
    {
        if (http.Request.ContentType != TusProtocol.OffsetContentType)
        {
            return Problems.Create(415, "upload.content_type", "Wrong content type", $"PATCH bodies must be {TusProtocol.OffsetContentType}.");
        }
        if (!TusProtocol.TryParseLong(http.Request.Headers["Upload-Offset"], out var offset))
        {
            return Problems.Create(400, "upload.offset_required", "Upload-Offset required", "Send the offset this chunk starts at in Upload-Offset.");
        }
        var upload = await uploads.FindAsync(id, Viewer.From(user).UserId!, cancellationToken);
        if (upload is null || uploads.IsExpired(upload))
        {
            return Gone(upload);
        }
        return await AppendBodyAsync(http, appender, upload, offset, cancellationToken) ?? Results.NoContent();
    }

    private static async Task<IResult> TerminateUpload(string id, ClaimsPrincipal user, UploadsService uploads, CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(id, Viewer.From(user).UserId!, cancellationToken);
        if (upload is null)
        {
            return Gone(null);
        }
        return await uploads.TerminateAsync(upload, cancellationToken)
            ? Results.NoContent()
            : Problems.Create(StatusCodes.Status409Conflict, "upload.completed", "Upload complete",
                "The upload is complete and is now a video; delete the video instead.");
    }

    /// <summary>Appends the request body; null on success (state headers written), else the error to answer.</summary>
    private static async Task<IResult?> AppendBodyAsync(HttpContext http, UploadAppender appender, Upload upload, long offset, CancellationToken cancellationToken)
    {
        if (!UploadChecksum.TryParse(http.Request.Headers["Upload-Checksum"], out var checksum))
        {
            return Problems.Create(400, "upload.checksum_invalid", "Unsupported checksum", $"Upload-Checksum must be 'ALGORITHM BASE64' with one of {UploadChecksum.Supported}.");
        }
        if (http.Request.ContentLength is { } declared && offset + declared > upload.Length)
        {
            return TooLarge(upload.Length);
        }
        // Chunks are bounded by the upload's own length, not by the small limit for JSON bodies.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = Math.Max(1, upload.Length - offset);
        }
        var outcome = await appender.AppendAsync(upload, offset, http.Request.Body, checksum, cancellationToken);
        TusProtocol.WriteUploadState(http.Response, upload);
        return outcome switch
        {
            AppendOutcome.Appended => null,
            AppendOutcome.OffsetMismatch => Problems.Create(409, "upload.offset_mismatch", "Offset mismatch",
                $"The upload is at offset {upload.Offset}; resume from there (HEAD tells the current offset)."),
            AppendOutcome.TooLarge => TooLarge(upload.Length),
            _ => Problems.Create(TusProtocol.ChecksumMismatchStatus, "upload.checksum_mismatch", "Checksum mismatch",
                "The chunk did not match its Upload-Checksum and was discarded; send it again."),
        };
    }

    internal static ProblemHttpResult TooLarge(long max) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "upload.too_large", "Upload too large", $"The limit is {max} bytes.");

    private static IResult Gone(Upload? upload) => upload is null
        ? Problems.NotFound("upload.not_found", "Upload not found")
        : Problems.Create(410, "upload.expired", "Upload expired", "This upload was abandoned for too long; start a new one.");

    /// <summary>Every request but OPTIONS must speak tus 1.0.0 (412 otherwise); every response says which version we speak.</summary>
    private static async ValueTask<object?> TusResumableFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers["Tus-Resumable"] = TusProtocol.Version;
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers["Tus-Resumable"] != TusProtocol.Version)
        {
            http.Response.Headers["Tus-Version"] = TusProtocol.Version;
            return Problems.Create(412, "upload.tus_version", "Unsupported tus version", $"Send Tus-Resumable: {TusProtocol.Version}.");
        }
        return await next(context);
    }
}
