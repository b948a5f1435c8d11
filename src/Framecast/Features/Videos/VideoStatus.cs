namespace Framecast.Features.Videos;

/// <summary>uploading → processing → ready | failed; any of them → deleting (then the row is gone).</summary>
public enum VideoStatus
{
    Uploading,
    Processing,
    Ready,
    Failed,
    Deleting,
}
