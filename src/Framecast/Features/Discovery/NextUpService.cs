using Framecast.Features.Accounts;
using Framecast.Features.Videos;

namespace Framecast.Features.Discovery;

/// <summary>
/// Builds <see cref="NextUp"/> for the watch page. A signed-in viewer resumes where they stopped unless that was in
/// the first or last 5 % (the same band as "Continue watching").
/// </summary>
public sealed class NextUpService(RelatedService related, HistoryService history)
{
    /// <summary>When the length is unknown: resuming a few seconds in would only get in the way.</summary>
    private const double MinimumResumeSeconds = 5;

    public async Task<NextUp> ForAsync(VideoResponse video, Viewer viewer, int relatedCount, CancellationToken cancellationToken)
    {
        double? resumeAt = null;
        if (viewer.IsAuthenticated && await history.PositionAsync(viewer.UserId!, video.Id, cancellationToken) is { } position
            && (video.DurationSeconds is > 0 and var duration
                ? position >= duration * HistoryService.ContinueFrom && position < duration * HistoryService.ContinueUntil
                : position >= MinimumResumeSeconds))
        {
            resumeAt = position;
        }
        return new NextUp(resumeAt, await related.ListAsync(video.Id, viewer, relatedCount, cancellationToken) ?? []);
    }
}
