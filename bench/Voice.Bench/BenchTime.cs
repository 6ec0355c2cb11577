using System.Diagnostics;

namespace Voice.Bench;

/// <summary>The benchmarks' timing helpers: <see cref="Stopwatch"/> ticks as milliseconds, and bounded waits that say what did not come.</summary>
internal static class BenchTime
{
    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>The task's result, or a <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task<T> Within<T>(Task<T> task, int seconds, string what)
    {
        try
        {
            return await task.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not come within {seconds} s");
        }
    }

    public static async Task Within(Task task, int seconds, string what) =>
        await Within(task.ContinueWith(_ => true, TaskScheduler.Default), seconds, what);
}
