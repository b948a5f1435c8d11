using Framecast.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Accounts;

/// <summary>
/// Signing in, for the API and the log-in page alike: the attempt is recorded with <see cref="LoginThrottle"/> before the
/// password is checked; a success starts a session and keeps the browser known (both cookies set here).
/// </summary>
public sealed class SignInService(
    FramecastDbContext db,
    IPasswordHasher<User> hasher,
    SessionService sessions,
    LoginThrottle throttle,
    KnownDevices devices)
{
    // Verified against when the username is unknown, so a miss costs as much time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "framecast-timing-equaliser"));

    public async Task<LoginOutcome> SignInAsync(HttpContext http, string? username, string? password, CancellationToken cancellationToken)
    {
        var normalized = UsernameRules.Normalize(username);
        var deviceToken = KnownDeviceCookie.Read(http.Request);
        var device = normalized is null ? null : await devices.RecognizeAsync(deviceToken, normalized, cancellationToken);
        var limits = throttle.LimitsFor(normalized, http.Connection.RemoteIpAddress?.ToString(), device);
        if (await throttle.TryRecordAttemptAsync(limits, cancellationToken) is { } retryAfter)
        {
            return LoginOutcome.Throttled(retryAfter);
        }
        var user = normalized is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == normalized, cancellationToken);
        var verdict = user is null || password is null || password.Length > UsernameRules.MaxPasswordLength
            ? FailAfterEqualDelay(password)
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            await throttle.PruneAsync(CancellationToken.None);
            return LoginOutcome.Invalid;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hasher.HashPassword(user, password!)), cancellationToken);
        }
        await throttle.ForgetAttemptAsync(limits, CancellationToken.None);
        if (user.BannedAt is not null)
        {
            return LoginOutcome.Banned(user.BanReason ?? "");
        }
        var (token, expiresAt) = await sessions.CreateAsync(user.Id, cancellationToken);
        SessionCookie.Append(http.Response, http.Request, token, expiresAt);
        var (known, knownUntil) = await devices.RememberAsync(user.Id, deviceToken, cancellationToken);
        KnownDeviceCookie.Append(http.Response, http.Request, known, knownUntil);
        return LoginOutcome.Success(user, token, expiresAt);
    }

    private PasswordVerificationResult FailAfterEqualDelay(string? password)
    {
        var probe = password is { Length: <= UsernameRules.MaxPasswordLength } ? password : "";
        hasher.VerifyHashedPassword(null!, DummyHash.Value, probe);
        return PasswordVerificationResult.Failed;
    }
}
