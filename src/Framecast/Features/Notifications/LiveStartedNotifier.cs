using System.Text.Json;
using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Infrastructure.Jobs;

namespace Framecast.Features.Notifications;

/// <summary>Handles Live's <see cref="LiveStarted"/>: the channel's followers hear it went live (unless it ended at once: refused, or gone).</summary>
public sealed class LiveStartedNotifier(LiveChannelService live, UserDirectory users, NotificationWriter writer) : IJobHandler
{
    public async Task RunAsync(JobLease job, CancellationToken cancellationToken)
    {
        var started = JsonSerializer.Deserialize<LiveStarted>(job.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Empty {LiveStarted.JobType} payload");
        if (await live.FindSessionAsync(started.SessionId, cancellationToken) is not { } session || !LiveStarted.WorthAnnouncing(session))
        {
            return;
        }
        var channel = await users.GetSummaryAsync(session.UserId, cancellationToken);
        await writer.ToFollowersAsync(session.UserId,
            new NotificationDraft(NotificationTypes.Live, session.Id, channel.Username, SessionId: session.Id), cancellationToken);
    }
}
