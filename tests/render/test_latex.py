"""Tests for revise.render.latex: LaTeX math → readable Unicode."""

from __future__ import annotations

import pytest

from revise.render.latex import latex_to_unicode


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"\sigma(z) = \frac{1}{1+e^{-z}}", "σ(z) = 1/(1+e⁻ᶻ)"),
        (r"x^2", "x²"),
        (r"A^T", "Aᵀ"),
        (r"W^{[l]}", "W^[l]"),
        (r"z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}", "z^[l] = W^[l] a^[l-1] + b^[l]"),
        (r"\hat{y}", "ŷ"),
        (r"\sqrt{x}", "√x"),
        (r"\sqrt{a+b}", "√(a+b)"),
        (r"\sum_{i=1}^{m}", "∑ᵢ₌₁ᵐ"),
        (r"x \in \mathbb{R}^{n_x}", "x ∈ ℝ^(nₓ)"),
        (r"\frac{\partial J}{\partial w}", "∂J/∂w"),
        (r"\nabla_w J \approx 0", "∇_w J ≈ 0"),
        (r"a \cdot b \times c \leq d", "a · b × c ≤ d"),
        (r"\log x + \exp(y) - \tanh z", "log x + exp(y) - tanh z"),
        (r"\alpha \beta \gamma x", "α β γx"),
        (r"\beta = 0.9", "β = 0.9"),
        (r"\lVert x \rVert \quad y", "‖x‖\N{EM SPACE}\N{EM SPACE}y"),
        (r"\|w\|_2^2", "‖w‖₂²"),
        (r"x_\mathrm{init}", "xᵢₙᵢₜ"),
        (r"\frac{1}{2}x", "(1/2)x"),
    ],
)
def test_latex_to_unicode(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (
            r"\text{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}",
            "softmax(z)ᵢ = e^(zᵢ)/(∑ⱼ₌₁ᴷ e^(zⱼ))",
        ),
        (
            r"\mathcal{L}(\hat{y}, y) = -\left(y \log \hat{y} + (1-y) \log(1-\hat{y})\right)",
            "ℒ(ŷ, y) = -(y log ŷ + (1-y) log(1-ŷ))",
        ),
        (
            r"J = -\frac{1}{m} \sum_{i=1}^{m} \mathcal{L}(\hat{y}^{(i)}, y^{(i)})",
            "J = -(1/m) ∑ᵢ₌₁ᵐ ℒ(ŷ⁽ⁱ⁾, y⁽ⁱ⁾)",
        ),
        (r"W := W - \alpha \frac{\hat{m}}{\sqrt{\hat{v}} + \epsilon}", "W := W - α m̂/(√v̂ + ϵ)"),
        (r"\hat{m}_t = \frac{m_t}{1-\beta_1^t}", "m̂ₜ = mₜ/(1-β₁ᵗ)"),
        (r"v_{dW} = \beta_1 v_{dW} + (1-\beta_1) dW", "v_(dW) = β₁ v_(dW) + (1-β₁) dW"),
        (r"\tanh(z) = \frac{e^z - e^{-z}}{e^z + e^{-z}}", "tanh(z) = (eᶻ - e⁻ᶻ)/(eᶻ + e⁻ᶻ)"),
    ],
)
def test_deep_learning_formulas(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected


def test_malformed_latex_is_shown_as_written() -> None:
    assert latex_to_unicode(r"\frac{1") == r"\frac{1"


@pytest.mark.parametrize("latex", [r"\euler", r"e^{i\pi} = \myconst{1}"])
def test_a_formula_with_an_unknown_macro_is_shown_as_written(latex: str) -> None:
    assert latex_to_unicode(latex) == latex  # not silently cut to "" or "e^(iπ) = 1"


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"\left( x \right)", "(x)"),
        (r"\left[ \frac{a}{b} \right]", "[a/b]"),
        (r"\Bigl( a \Bigr)", "(a)"),
        (r"\left\lVert x \right\rVert", "‖x‖"),
    ],
)
def test_sized_delimiters_hug_their_contents(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected


def test_aligned_equations_keep_one_line_each() -> None:
    latex = r"\begin{aligned} a &= b + c \\ d &= e \end{aligned}"
    assert latex_to_unicode(latex) == "a = b + c\nd = e"
