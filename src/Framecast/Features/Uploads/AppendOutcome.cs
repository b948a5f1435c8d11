namespace Framecast.Features.Uploads;

public enum AppendOutcome
{
    Appended,
    OffsetMismatch,
    TooLarge,
    ChecksumMismatch,
}
