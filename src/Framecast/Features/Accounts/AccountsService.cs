using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Accounts;

public sealed class AccountsService(
    FramecastDbContext db,
    IPasswordHasher<User> hasher,
    TimeProvider clock)
{
    public static Dictionary<string, string[]> Validate(string? username, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        if (UsernameRules.Normalize(username) is null)
        {
            errors["username"] = [$"Use {UsernameRules.MinLength}–{UsernameRules.MaxLength} letters, digits or underscores."];
        }
        if (password is null || password.Length < UsernameRules.MinPasswordLength)
        {
            errors["password"] = [$"Use at least {UsernameRules.MinPasswordLength} characters."];
        }
        else if (password.Length > UsernameRules.MaxPasswordLength)
        {
            errors["password"] = [$"Use at most {UsernameRules.MaxPasswordLength} characters."];
        }
        return errors;
    }

    /// <summary>Creates the account; null when the username is taken. Inputs must have passed <see cref="Validate"/>.</summary>
    public async Task<User?> CreateUserAsync(string username, string password, bool isAdmin, CancellationToken cancellationToken)
    {
        var normalized = UsernameRules.Normalize(username) ?? throw new ArgumentException("Invalid username", nameof(username));
        if (await db.Users.AnyAsync(u => u.Username == normalized, cancellationToken))
        {
            return null;
        }
        var user = new User
        {
            Id = Ids.New(),
            Username = normalized,
            PasswordHash = "",
            IsAdmin = isAdmin,
            CreatedAt = clock.UtcNowMicros(),
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(user).State = EntityState.Detached;
            if (await db.Users.AsNoTracking().AnyAsync(u => u.Username == normalized, cancellationToken))
            {
                // Lost a race with a concurrent registration of the same name: the unique index said no.
                return null;
            }
            throw;
        }
        return user;
    }

    public Task<User?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
}
