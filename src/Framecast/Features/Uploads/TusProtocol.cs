using System.Globalization;

namespace Framecast.Features.Uploads;

/// <summary>tus 1.0.0 header names and the headers every response carries.</summary>
public static class TusProtocol
{
    public const string Version = "1.0.0";
    public const string Extensions = "creation,creation-with-upload,termination,checksum,expiration";
    public const string OffsetContentType = "application/offset+octet-stream";
    public const string VideoIdHeader = "Framecast-Video-Id";
    public const int ChecksumMismatchStatus = 460;

    public static void WriteUploadState(HttpResponse response, Upload upload)
    {
        response.Headers["Upload-Offset"] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers["Upload-Length"] = upload.Length.ToString(CultureInfo.InvariantCulture);
        response.Headers[VideoIdHeader] = upload.VideoId;
        if (!upload.IsComplete)
        {
            response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R", CultureInfo.InvariantCulture);
        }
        response.Headers.CacheControl = "no-store";
    }

    public static bool TryParseLong(string? value, out long result) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
}
