using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Accounts;

/// <summary>Database-backed sessions with a sliding expiry: they survive restarts and a log-out holds on every node at once.</summary>
public sealed class SessionService(FramecastDbContext db, TimeProvider clock, IOptions<AuthOptions> options)
{
    // Sliding writes at most once a minute per session, so a busy client does not write on every request.
    private static readonly TimeSpan SlideGranularity = TimeSpan.FromMinutes(1);

    public async Task<(string Token, DateTime ExpiresAt)> CreateAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var token = SessionTokens.New();
        var session = new Session
        {
            Id = SessionTokens.Hash(token),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Value.SessionTtl,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        // Expired sessions are dead already (every lookup checks the expiry); this only keeps the table small.
        await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        return (token, session.ExpiresAt);
    }

    /// <summary>The live session and its user for a token, its expiry pushed out; null when unknown or expired.</summary>
    public async Task<(Session Session, User User, bool Slid)?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!SessionTokens.LooksValid(token))
        {
            return null;
        }
        var id = SessionTokens.Hash(token);
        var now = clock.UtcNowMicros();
        var found = await (from s in db.Sessions.AsNoTracking()
                           join u in db.Users.AsNoTracking() on s.UserId equals u.Id
                           where s.Id == id && s.ExpiresAt > now && u.BannedAt == null
                           select new { s, u }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        var slid = false;
        if (now - found.s.LastSeenAt >= SlideGranularity)
        {
            var expiresAt = now + options.Value.SessionTtl;
            // Only a still-live row slides: a concurrent log-out wins.
            slid = await db.Sessions.Where(s => s.Id == id && s.ExpiresAt > now)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, expiresAt).SetProperty(s => s.LastSeenAt, now), cancellationToken) == 1;
            if (!slid)
            {
                return null;
            }
            found.s.ExpiresAt = expiresAt;
            found.s.LastSeenAt = now;
        }
        return (found.s, found.u, slid);
    }

    public Task<int> RevokeAsync(string sessionId, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
}
