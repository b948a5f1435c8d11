namespace Framecast.Features.Admin;

/// <summary>A ban or a takedown: the reason is kept and shown to the person it concerns.</summary>
public sealed record ReasonRequest(string? Reason)
{
    public const int MaxLength = 500;

    public string? Problem() =>
        string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > MaxLength ? $"Say why, in 1 to {MaxLength} characters: it is shown to the person concerned." : null;
}

public sealed record AdminUserRef(string Id, string Username);

public sealed record AdminHold(string Reason, DateTime At);
