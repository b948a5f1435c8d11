using Framecast.Features.Videos;

namespace Framecast.Features.Uploads;

/// <summary>A deleted video's uploads (rows and staged bytes) go with it.</summary>
public sealed class UploadsVideoDeletion(UploadsService uploads) : IVideoDeletionStep
{
    public Task RemoveForVideoAsync(string videoId, CancellationToken cancellationToken) => uploads.DiscardForVideoAsync(videoId, cancellationToken);
}
