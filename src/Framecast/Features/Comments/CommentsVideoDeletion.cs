using Framecast.Features.Videos;

namespace Framecast.Features.Comments;

/// <summary>A deleted video's comments go with it.</summary>
public sealed class CommentsVideoDeletion(CommentsService comments) : IVideoDeletionStep
{
    public Task RemoveForVideoAsync(string videoId, CancellationToken cancellationToken) => comments.DeleteForVideoAsync(videoId, cancellationToken);
}
