namespace Framecast.Features.Accounts;

/// <summary>One failed log-in, keyed <c>user:NAME</c> or <c>ip:ADDRESS</c>; kept in the database so every node throttles alike.</summary>
public sealed class LoginFailure
{
    public long Id { get; init; }
    public required string Key { get; init; }
    public DateTime OccurredAt { get; init; }
}
