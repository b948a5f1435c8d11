using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Accounts;

/// <summary>
/// Counts failed log-ins per username and per client address in the database (so every node agrees) and refuses
/// further attempts once <see cref="AuthOptions.MaxLoginFailures"/> fall inside <see cref="AuthOptions.LoginWindow"/>.
/// </summary>
public sealed class LoginThrottle(FramecastDbContext db, TimeProvider clock, IOptions<AuthOptions> options)
{
    public static string UserKey(string username) => $"user:{username}";

    public static string AddressKey(string? address) => $"ip:{address ?? "unknown"}";

    /// <summary>How long until one more attempt is allowed, or null when it is allowed now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.UtcNowMicros();
        var since = now - settings.LoginWindow;
        TimeSpan? longest = null;
        foreach (var key in keys)
        {
            var times = await db.LoginFailures.AsNoTracking()
                .Where(f => f.Key == key && f.OccurredAt > since)
                .OrderByDescending(f => f.OccurredAt)
                .Select(f => f.OccurredAt)
                .Take(settings.MaxLoginFailures)
                .ToListAsync(cancellationToken);
            if (times.Count >= settings.MaxLoginFailures)
            {
                // Allowed again once the oldest of the last N failures leaves the window.
                var wait = times[^1] + settings.LoginWindow - now;
                longest = longest is null || wait > longest ? wait : longest;
            }
        }
        return longest;
    }

    public async Task RecordFailureAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        foreach (var key in keys)
        {
            db.LoginFailures.Add(new LoginFailure { Key = key, OccurredAt = now });
        }
        await db.SaveChangesAsync(cancellationToken);
        var expired = now - options.Value.LoginWindow;
        await db.LoginFailures.Where(f => f.OccurredAt < expired).ExecuteDeleteAsync(cancellationToken);
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken) =>
        db.LoginFailures.Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken);
}
