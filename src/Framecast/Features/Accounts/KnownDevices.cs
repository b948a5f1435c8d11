using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Accounts;

/// <summary>
/// Evidence that a sign-in comes from the account owner's own browser: a random token in an HttpOnly cookie, set at
/// a successful sign-in, stored only as its hash. <see cref="LoginLimit"/> counts such attempts apart.
/// </summary>
public sealed class KnownDevices(FramecastDbContext db, TimeProvider clock, IOptions<AuthOptions> options)
{
    /// <summary>The device key when <paramref name="token"/> is a live device of <paramref name="username"/>, else null.</summary>
    public async Task<string?> RecognizeAsync(string? token, string username, CancellationToken cancellationToken)
    {
        if (!SessionTokens.LooksValid(token))
        {
            return null;
        }
        var hash = SessionTokens.Hash(token!);
        var since = clock.UtcNowMicros() - options.Value.KnownDeviceTtl;
        var known = await db.KnownDevices.AsNoTracking()
            .AnyAsync(d => d.TokenHash == hash && d.LastUsedAt > since && db.Users.Any(u => u.Id == d.UserId && u.Username == username), cancellationToken);
        return known ? hash : null;
    }

    /// <summary>After a successful sign-in: keeps this browser known (a new token when it had none for this account).</summary>
    public async Task<(string Token, DateTime ExpiresAt)> RememberAsync(string userId, string? token, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var expiresAt = now + options.Value.KnownDeviceTtl;
        if (SessionTokens.LooksValid(token)
            && await db.KnownDevices.Where(d => d.TokenHash == SessionTokens.Hash(token!) && d.UserId == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastUsedAt, now), cancellationToken) == 1)
        {
            return (token!, expiresAt);
        }
        var fresh = SessionTokens.New();
        db.KnownDevices.Add(new KnownDevice { TokenHash = SessionTokens.Hash(fresh), UserId = userId, CreatedAt = now, LastUsedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await db.KnownDevices.Where(d => d.LastUsedAt < now - options.Value.KnownDeviceTtl).ExecuteDeleteAsync(cancellationToken);
        return (fresh, expiresAt);
    }
}
