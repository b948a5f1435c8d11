using Framecast.Features.Accounts;
using Framecast.Features.Videos;

namespace Framecast.Features.Discovery;

/// <summary>Builds <see cref="NextUp"/> for the watch page.</summary>
public sealed class NextUpService(RelatedService related, HistoryService history)
{
    /// <summary>Resuming a few seconds in, or in the last 5 %, would only get in the way.</summary>
    private const double MinimumResumeSeconds = 5;

    public async Task<NextUp> ForAsync(VideoResponse video, Viewer viewer, int relatedCount, CancellationToken cancellationToken)
    {
        double? resumeAt = null;
        if (viewer.IsAuthenticated && await history.PositionAsync(viewer.UserId!, video.Id, cancellationToken) is { } position
            && position >= MinimumResumeSeconds
            && (video.DurationSeconds is not > 0 || position < video.DurationSeconds * HistoryService.ContinueUntil))
        {
            resumeAt = position;
        }
        return new NextUp(resumeAt, await related.ListAsync(video.Id, viewer, relatedCount, cancellationToken) ?? []);
    }
}
