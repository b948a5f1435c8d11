namespace Framecast.Features.Uploads;

/// <summary>
/// A tus upload (or a finished simple upload): its bytes are staged under <c>DATA/uploads</c> until the last one
/// lands, then they become the video's original. The name, type, size and hashes are kept as the upload front's record.
/// </summary>
public sealed class Upload
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public required string VideoId { get; init; }
    public long Length { get; init; }
    public long Offset { get; set; }

    /// <summary>The raw <c>Upload-Metadata</c> header, echoed back on HEAD.</summary>
    public string Metadata { get; init; } = "";

    public string Filename { get; init; } = "";
    public string? ContentType { get; init; }
    public string? Sha256 { get; set; }
    public string? Md5 { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>The PATCH appending now (any node), until <see cref="WriterUntil"/> unless renewed; see <see cref="UploadWriters"/>.</summary>
    public string? WriterId { get; set; }

    public DateTime? WriterUntil { get; set; }

    public bool IsComplete => CompletedAt is not null;
}
