namespace Framecast.Features.Videos;

/// <summary>
/// The job Videos queues, in the transaction of the change, when a video first becomes both ready and public (once per
/// video: <see cref="Video.PublishedAt"/>). Videos declares it and handles none; another feature registers a handler.
/// </summary>
public sealed record VideoPublished(string VideoId)
{
    public const string JobType = "video.published";
}
