namespace Framecast.Features.Videos;

/// <summary>What an owner-only action came to: done, no such video (or hidden from the caller), or not theirs.</summary>
public enum AccessOutcome
{
    Done,
    NotFound,
    Forbidden,
}
