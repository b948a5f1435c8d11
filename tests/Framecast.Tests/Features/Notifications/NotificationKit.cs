using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Features.Social;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Notifications;

/// <summary>The notification calls, jobs queued as other features queue them, and waiting for their fan-out.</summary>
public static class NotificationKit
{
    public static Task<JsonElement> NotificationsAsync(this TestUser user, string query = "") =>
        user.Client.GetJsonAsync($"/api/v1/me/notifications{query}");

    public static async Task<List<JsonElement>> NotificationItemsAsync(this TestUser user) =>
        [.. (await user.NotificationsAsync("?limit=100")).GetProperty("items").EnumerateArray()];

    public static async Task<int> UnreadAsync(this TestUser user) =>
        (await user.Client.GetJsonAsync("/api/v1/me/notifications/unread")).GetProperty("unread").GetInt32();

    public static async Task<int> MarkReadAsync(this TestUser user, params string[]? ids)
    {
        using var response = ids is null
            ? await user.Client.PostAsync("/api/v1/me/notifications/read", null)
            : await user.Client.PostAsJsonAsync("/api/v1/me/notifications/read", new { ids });
        return (await response.ShouldBeJsonAsync()).GetProperty("unread").GetInt32();
    }

    /// <summary>Waits for the user's notification that matches, and returns it.</summary>
    public static async Task<JsonElement> WaitNotificationAsync(this TestUser user, Func<JsonElement, bool> match, string because, TimeSpan? within = null)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(async () =>
        {
            var hit = (await user.NotificationItemsAsync()).Where(match).ToList();
            if (hit.Count == 0)
            {
                return false;
            }
            found = hit[0];
            return true;
        }, because, within ?? TimeSpan.FromSeconds(60));
        return found;
    }

    public static string Type(this JsonElement notification) => notification.GetProperty("type").GetString()!;

    /// <summary>Queues a job inside a transaction of its own, as the owner of a change does.</summary>
    public static Task EnqueueAsync(this TestHost host, string type, object payload) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            sp.GetRequiredService<JobQueue>().Add(db, transaction, type, payload);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });

    /// <summary>Jobs of <paramref name="type"/> whose payload names <paramref name="subject"/>, with their statuses.</summary>
    public static Task<List<JobStatus>> JobsAboutAsync(this TestHost host, string type, string subject) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Jobs.AsNoTracking()
            .Where(j => j.Type == type && j.Payload.Contains(subject)).Select(j => j.Status).ToListAsync());

    /// <summary>Waits until every job of <paramref name="type"/> about <paramref name="subject"/> succeeded (there must be <paramref name="count"/>).</summary>
    public static async Task WaitJobsDoneAsync(this TestHost host, string type, string subject, int count = 1)
    {
        List<JobStatus> statuses = [];
        await Eventually.TrueAsync(async () => (statuses = await host.JobsAboutAsync(type, subject)).Count == count && statuses.All(s => s is JobStatus.Succeeded or JobStatus.Dead),
            $"the {count} {type} job(s) about {subject} ran", TimeSpan.FromSeconds(60));
        statuses.Should().OnlyContain(s => s == JobStatus.Succeeded, $"the {type} job about {subject} succeeds");
    }

    /// <summary>Rows about <paramref name="subject"/> of <paramref name="type"/>, whoever they are for (to prove nothing was doubled).</summary>
    public static Task<int> CountNotificationsAsync(this TestHost host, string type, string subject) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Set<Framecast.Features.Notifications.Notification>()
            .CountAsync(n => n.Type == type && n.Subject == subject));

    /// <summary>A gift.received job with the JSON Gifts queues (camelCase).</summary>
    public static Task EnqueueGiftAsync(this TestHost host, string giftSendId, TestUser channel, TestUser sender, string giftName = "Rocket", int count = 3,
        long totalCoins = 300, string? sessionId = null, string? videoId = null) =>
        host.EnqueueAsync("gift.received", new
        {
            giftSendId,
            channelUserId = channel.Id,
            senderUserId = sender.Id,
            senderUsername = sender.Username,
            giftName,
            count,
            totalCoins,
            sessionId,
            videoId,
        });
}
