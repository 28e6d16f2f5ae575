using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace AdminCenter.Components.Layout;

/// <summary>
/// MudThemeProvider whose style elements are built once per theme and palette and shared by every circuit.
/// MudBlazor builds the theme's CSS variables anew on each render, and each open tab's render tree keeps its own copy
/// (~117 KB a tab); a string shared across circuits costs a tab nothing (BENCHMARKS.md, "Serving cost per open tab").
/// The markup is MudBlazor's own (its render output, taken once and replayed), so dark/light switching is unchanged.
/// Dark mode follows the bound IsDarkMode parameter (the layout does not observe the system's preference).
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConditionalWeakTable<MudTheme, ConcurrentDictionary<(bool Dark, bool DefaultScrollbar), MarkupFrame[]>> Cache = [];

    /// <summary>The theme MudThemeProvider falls back to without a Theme parameter, one for every circuit.</summary>
    internal static MudTheme SharedFallbackTheme { get; } = new();

    /// <summary>
    /// MudThemeProvider keeps a fallback theme of its own (two palettes of 108 colours, the typography: about 18 KB a
    /// tab) even when given a theme. The fallback is only read, so every provider can hold the same one.
    /// </summary>
    public SharedThemeProvider()
    {
        try
        {
            FallbackTheme(this) = SharedFallbackTheme;
        }
        catch (MissingFieldException)
        {
            // Another MudBlazor version without the field: the provider keeps its own fallback, as before.
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_originalMudTheme")]
    internal static extern ref MudTheme FallbackTheme(MudThemeProvider provider);

    private bool dark;
    private bool defaultScrollbar;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (parameters.TryGetValue<bool>(nameof(IsDarkMode), out var isDark))
        {
            dark = isDark;
        }
        if (parameters.TryGetValue<bool>(nameof(DefaultScrollbar), out var plainScrollbar))
        {
            defaultScrollbar = plainScrollbar;
        }
        return base.SetParametersAsync(parameters);
    }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        var frames = Cache.GetOrCreateValue(GetTheme()).GetOrAdd((dark, defaultScrollbar), _ => RenderOnce());
        if (frames.Length == 0)
        {
            // MudBlazor rendered something other than markup: render it as MudBlazor does, unshared.
            base.BuildRenderTree(__builder);
            return;
        }
        foreach (var frame in frames)
        {
            // Replays MudBlazor's own frames, so its own sequence numbers keep the diff stable.
#pragma warning disable ASP0006
            __builder.AddMarkupContent(frame.Sequence, frame.Markup);
#pragma warning restore ASP0006
        }
    }

    // Reading the render output is the only way to reuse MudBlazor's markup without copying its CSS generator.
#pragma warning disable BL0006
    private MarkupFrame[] RenderOnce()
    {
        using var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
        var frames = scratch.GetFrames();
        var markup = new MarkupFrame[frames.Count];
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            if (frame.FrameType != Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrameType.Markup)
            {
                return [];
            }
            markup[i] = new MarkupFrame(frame.Sequence, frame.MarkupContent);
        }
        return markup;
    }
#pragma warning restore BL0006

    private readonly record struct MarkupFrame(int Sequence, string Markup);
}
