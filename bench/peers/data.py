"""The benchmarked steps' inputs, drawn as `Sources/repro-bench/main.swift` draws them (same distributions,
shapes, scales and radius; numpy's generator, not repro's stream: the time of a step does not depend on the
draw)."""

import numpy as np


def sphere(rng, n, d, radius):
    g = rng.standard_normal((n, d))
    return radius * g / np.linalg.norm(g, axis=1, keepdims=True)


def vardi2022(n, d, m, seed=1):
    """`TrainingSet.random(…, .sphere)` (radius √d, labels ±1) and `TwoLayerNetwork.random(initScale: 1e-3)`."""
    rng = np.random.default_rng(seed)
    x = sphere(rng, n, d, np.sqrt(d))
    y = rng.choice([-1.0, 1.0], size=n)
    w = rng.standard_normal((m, d)) * (1e-3 / np.sqrt(d))
    v = rng.standard_normal(m) * (1e-3 / np.sqrt(m))
    return x, y, w, v


def frei2023(k, n, d, m, seed=2):
    """`ClusterMixture.random(clusters: k, meanNorm: 1, noise: 1, .orthonormal)`, n samples, the same network."""
    rng = np.random.default_rng(seed)
    means = np.linalg.qr(rng.standard_normal((d, k)))[0].T  # k orthonormal rows
    labels = np.where(np.arange(k) < k // 2, 1.0, -1.0)
    j = rng.integers(0, k, size=n)
    x = means[j] + rng.standard_normal((n, d)) / np.sqrt(d)
    w = rng.standard_normal((m, d)) * (1e-3 / np.sqrt(d))
    v = rng.standard_normal(m) * (1e-3 / np.sqrt(m))
    return x, labels[j], w, v


def separation(x, y):
    """min ‖x_i − x_j‖ over y_i ≠ y_j (`SphereData.separation`)."""
    diff = np.linalg.norm(x[:, None, :] - x[None, :, :], axis=2)
    return float(np.min(diff[y[:, None] != y[None, :]]))


def gao2019(n, d, m, seed=3):
    """`SphereData.circle` (d = 2) or `.random`, `TwoLayerNetwork.balancedSigns` (quadratic ReLU, a_r = ±1
    alternating, scale 1/√m, W ~ N(0, I)), δ = 0.25·separation."""
    rng = np.random.default_rng(seed)
    if d == 2:
        angle = 2 * np.pi * np.arange(n) / n
        x = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        y = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    else:
        x = sphere(rng, n, d, 1.0)
        y = np.where(np.arange(n) < (n + 1) // 2, 1.0, -1.0)
    w = rng.standard_normal((m, d))
    a = np.where(np.arange(m) % 2 == 0, 1.0, -1.0)
    return x, y, w, a, 1 / float(np.sqrt(m)), 0.25 * separation(x, y)
