using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

/// <summary>Reports synchronously on the reading thread, unlike <see cref="Progress{T}"/>, which posts and can arrive late.</summary>
internal sealed class InlineProgress(Action<TranscodeProgress> onReport) : IProgress<TranscodeProgress>
{
    public void Report(TranscodeProgress value) => onReport(value);
}
