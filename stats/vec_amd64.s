//go:build !purego

#include "textflag.h"

// The inputs are loaded 8 bytes at a time (MOVSD, MOVHPD) because the
// callers have just written them with scalar stores, which a 16-byte load
// could not take from the store buffer.

// func divToSSE2(dst, a, b *[40]float64)
// dst[i] = a[i] / b[i], two lanes at a time (SSE2 DIVPD: the same IEEE
// division as DIVSD, lane by lane).
TEXT ·divToSSE2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVSD 0(SI), X0
	MOVHPD 8(SI), X0
	MOVSD 0(DX), X5
	MOVHPD 8(DX), X5
	MOVSD 16(SI), X1
	MOVHPD 24(SI), X1
	MOVSD 16(DX), X6
	MOVHPD 24(DX), X6
	MOVSD 32(SI), X2
	MOVHPD 40(SI), X2
	MOVSD 32(DX), X7
	MOVHPD 40(DX), X7
	MOVSD 48(SI), X3
	MOVHPD 56(SI), X3
	MOVSD 48(DX), X8
	MOVHPD 56(DX), X8
	MOVSD 64(SI), X4
	MOVHPD 72(SI), X4
	MOVSD 64(DX), X9
	MOVHPD 72(DX), X9
	DIVPD X5, X0
	DIVPD X6, X1
	DIVPD X7, X2
	DIVPD X8, X3
	DIVPD X9, X4
	MOVUPD X0, 0(DI)
	MOVUPD X1, 16(DI)
	MOVUPD X2, 32(DI)
	MOVUPD X3, 48(DI)
	MOVUPD X4, 64(DI)
	MOVSD 80(SI), X0
	MOVHPD 88(SI), X0
	MOVSD 80(DX), X5
	MOVHPD 88(DX), X5
	MOVSD 96(SI), X1
	MOVHPD 104(SI), X1
	MOVSD 96(DX), X6
	MOVHPD 104(DX), X6
	MOVSD 112(SI), X2
	MOVHPD 120(SI), X2
	MOVSD 112(DX), X7
	MOVHPD 120(DX), X7
	MOVSD 128(SI), X3
	MOVHPD 136(SI), X3
	MOVSD 128(DX), X8
	MOVHPD 136(DX), X8
	MOVSD 144(SI), X4
	MOVHPD 152(SI), X4
	MOVSD 144(DX), X9
	MOVHPD 152(DX), X9
	DIVPD X5, X0
	DIVPD X6, X1
	DIVPD X7, X2
	DIVPD X8, X3
	DIVPD X9, X4
	MOVUPD X0, 80(DI)
	MOVUPD X1, 96(DI)
	MOVUPD X2, 112(DI)
	MOVUPD X3, 128(DI)
	MOVUPD X4, 144(DI)
	MOVSD 160(SI), X0
	MOVHPD 168(SI), X0
	MOVSD 160(DX), X5
	MOVHPD 168(DX), X5
	MOVSD 176(SI), X1
	MOVHPD 184(SI), X1
	MOVSD 176(DX), X6
	MOVHPD 184(DX), X6
	MOVSD 192(SI), X2
	MOVHPD 200(SI), X2
	MOVSD 192(DX), X7
	MOVHPD 200(DX), X7
	MOVSD 208(SI), X3
	MOVHPD 216(SI), X3
	MOVSD 208(DX), X8
	MOVHPD 216(DX), X8
	MOVSD 224(SI), X4
	MOVHPD 232(SI), X4
	MOVSD 224(DX), X9
	MOVHPD 232(DX), X9
	DIVPD X5, X0
	DIVPD X6, X1
	DIVPD X7, X2
	DIVPD X8, X3
	DIVPD X9, X4
	MOVUPD X0, 160(DI)
	MOVUPD X1, 176(DI)
	MOVUPD X2, 192(DI)
	MOVUPD X3, 208(DI)
	MOVUPD X4, 224(DI)
	MOVSD 240(SI), X0
	MOVHPD 248(SI), X0
	MOVSD 240(DX), X5
	MOVHPD 248(DX), X5
	MOVSD 256(SI), X1
	MOVHPD 264(SI), X1
	MOVSD 256(DX), X6
	MOVHPD 264(DX), X6
	MOVSD 272(SI), X2
	MOVHPD 280(SI), X2
	MOVSD 272(DX), X7
	MOVHPD 280(DX), X7
	MOVSD 288(SI), X3
	MOVHPD 296(SI), X3
	MOVSD 288(DX), X8
	MOVHPD 296(DX), X8
	MOVSD 304(SI), X4
	MOVHPD 312(SI), X4
	MOVSD 304(DX), X9
	MOVHPD 312(DX), X9
	DIVPD X5, X0
	DIVPD X6, X1
	DIVPD X7, X2
	DIVPD X8, X3
	DIVPD X9, X4
	MOVUPD X0, 240(DI)
	MOVUPD X1, 256(DI)
	MOVUPD X2, 272(DI)
	MOVUPD X3, 288(DI)
	MOVUPD X4, 304(DI)
	RET

// func sqrtDivToSSE2(dst, a, b *[40]float64)
// dst[i] = √(a[i] / b[i]), two lanes at a time (DIVPD, SQRTPD).
TEXT ·sqrtDivToSSE2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVSD 0(SI), X0
	MOVHPD 8(SI), X0
	MOVSD 0(DX), X5
	MOVHPD 8(DX), X5
	MOVSD 16(SI), X1
	MOVHPD 24(SI), X1
	MOVSD 16(DX), X6
	MOVHPD 24(DX), X6
	MOVSD 32(SI), X2
	MOVHPD 40(SI), X2
	MOVSD 32(DX), X7
	MOVHPD 40(DX), X7
	MOVSD 48(SI), X3
	MOVHPD 56(SI), X3
	MOVSD 48(DX), X8
	MOVHPD 56(DX), X8
	MOVSD 64(SI), X4
	MOVHPD 72(SI), X4
	MOVSD 64(DX), X9
	MOVHPD 72(DX), X9
	DIVPD X5, X0
	DIVPD X6, X1
	DIVPD X7, X2
	DIVPD X8, X3
	DIVPD X9, X4
	SQRTPD X0, X0
	SQRTPD X1, X1
	SQRTPD X2, X2
	SQRTPD X3, X3
	SQRTPD X4, X4
	MOVUPD X0, 0(DI)
	MOVUPD X1, 16(DI)
	MOVUPD X2, 32(DI)
	MOVUPD X3, 48(DI)
	MOVUPD X4, 64(DI)
	MOVSD 80(SI), X0
	MOVHPD 88(SI), X0
	MOVSD 80(DX), X5
	MOVHPD 88(DX), X5
	MOVSD 96(SI), X1
	MOVHPD 104(SI), X1
	MOVSD 96(DX), X6
	MOVHPD 104(DX), X6
	MOVSD 112(SI), X2
	MOVHPD 120(SI), X2
	MOVSD 112(DX), X7
	MOVHPD 120(DX), X7
	MOVSD 128(SI), X3
	MOVHPD 136(SI), X3
	MOVSD 128(DX), X8
	MOVHPD 136(DX), X8
	MOVSD 144(SI), X4
	MOVHPD 152(SI), X4
	MOVSD 144(DX), X9
	MOVHPD 152(DX), X9
	DIVPD X5, X0
	DIVPD X6, X1
	DIVPD X7, X2
	DIVPD X8, X3
	DIVPD X9, X4
	SQRTPD X0, X0
	SQRTPD X1, X1
	SQRTPD X2, X2
	SQRTPD X3, X3
	SQRTPD X4, X4
	MOVUPD X0, 80(DI)
	MOVUPD X1, 96(DI)
	MOVUPD X2, 112(DI)
	MOVUPD X3, 128(DI)
	MOVUPD X4, 144(DI)
	MOVSD 160(SI), X0
	MOVHPD 168(SI), X0
	MOVSD 160(DX), X5
	MOVHPD 168(DX), X5
	MOVSD 176(SI), X1
	MOVHPD 184(SI), X1
	MOVSD 176(DX), X6
	MOVHPD 184(DX), X6
	MOVSD 192(SI), X2
	MOVHPD 200(SI), X2
	MOVSD 192(DX), X7
	MOVHPD 200(DX), X7
	MOVSD 208(SI), X3
	MOVHPD 216(SI), X3
	MOVSD 208(DX), X8
	MOVHPD 216(DX), X8
	MOVSD 224(SI), X4
	MOVHPD 232(SI), X4
	MOVSD 224(DX), X9
	MOVHPD 232(DX), X9
	DIVPD X5, X0
	DIVPD X6, X1
	DIVPD X7, X2
	DIVPD X8, X3
	DIVPD X9, X4
	SQRTPD X0, X0
	SQRTPD X1, X1
	SQRTPD X2, X2
	SQRTPD X3, X3
	SQRTPD X4, X4
	MOVUPD X0, 160(DI)
	MOVUPD X1, 176(DI)
	MOVUPD X2, 192(DI)
	MOVUPD X3, 208(DI)
	MOVUPD X4, 224(DI)
	MOVSD 240(SI), X0
	MOVHPD 248(SI), X0
	MOVSD 240(DX), X5
	MOVHPD 248(DX), X5
	MOVSD 256(SI), X1
	MOVHPD 264(SI), X1
	MOVSD 256(DX), X6
	MOVHPD 264(DX), X6
	MOVSD 272(SI), X2
	MOVHPD 280(SI), X2
	MOVSD 272(DX), X7
	MOVHPD 280(DX), X7
	MOVSD 288(SI), X3
	MOVHPD 296(SI), X3
	MOVSD 288(DX), X8
	MOVHPD 296(DX), X8
	MOVSD 304(SI), X4
	MOVHPD 312(SI), X4
	MOVSD 304(DX), X9
	MOVHPD 312(DX), X9
	DIVPD X5, X0
	DIVPD X6, X1
	DIVPD X7, X2
	DIVPD X8, X3
	DIVPD X9, X4
	SQRTPD X0, X0
	SQRTPD X1, X1
	SQRTPD X2, X2
	SQRTPD X3, X3
	SQRTPD X4, X4
	MOVUPD X0, 240(DI)
	MOVUPD X1, 256(DI)
	MOVUPD X2, 272(DI)
	MOVUPD X3, 288(DI)
	MOVUPD X4, 304(DI)
	RET

// func divToAVX(dst, a, b *[40]float64)
// As divToSSE2, four lanes at a time (VDIVPD). Only when cpuHasAVX.
TEXT ·divToAVX(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	VMOVUPD 0(SI), Y0
	VMOVUPD 0(DX), Y5
	VMOVUPD 32(SI), Y1
	VMOVUPD 32(DX), Y6
	VMOVUPD 64(SI), Y2
	VMOVUPD 64(DX), Y7
	VMOVUPD 96(SI), Y3
	VMOVUPD 96(DX), Y8
	VMOVUPD 128(SI), Y4
	VMOVUPD 128(DX), Y9
	VDIVPD Y5, Y0, Y0
	VDIVPD Y6, Y1, Y1
	VDIVPD Y7, Y2, Y2
	VDIVPD Y8, Y3, Y3
	VDIVPD Y9, Y4, Y4
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD 160(SI), Y0
	VMOVUPD 160(DX), Y5
	VMOVUPD 192(SI), Y1
	VMOVUPD 192(DX), Y6
	VMOVUPD 224(SI), Y2
	VMOVUPD 224(DX), Y7
	VMOVUPD 256(SI), Y3
	VMOVUPD 256(DX), Y8
	VMOVUPD 288(SI), Y4
	VMOVUPD 288(DX), Y9
	VDIVPD Y5, Y0, Y0
	VDIVPD Y6, Y1, Y1
	VDIVPD Y7, Y2, Y2
	VDIVPD Y8, Y3, Y3
	VDIVPD Y9, Y4, Y4
	VMOVUPD Y0, 160(DI)
	VMOVUPD Y1, 192(DI)
	VMOVUPD Y2, 224(DI)
	VMOVUPD Y3, 256(DI)
	VMOVUPD Y4, 288(DI)
	VZEROUPPER
	RET

// func sqrtDivToAVX(dst, a, b *[40]float64)
// As sqrtDivToSSE2, four lanes at a time (VDIVPD, VSQRTPD).
TEXT ·sqrtDivToAVX(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	VMOVUPD 0(SI), Y0
	VMOVUPD 0(DX), Y5
	VMOVUPD 32(SI), Y1
	VMOVUPD 32(DX), Y6
	VMOVUPD 64(SI), Y2
	VMOVUPD 64(DX), Y7
	VMOVUPD 96(SI), Y3
	VMOVUPD 96(DX), Y8
	VMOVUPD 128(SI), Y4
	VMOVUPD 128(DX), Y9
	VDIVPD Y5, Y0, Y0
	VDIVPD Y6, Y1, Y1
	VDIVPD Y7, Y2, Y2
	VDIVPD Y8, Y3, Y3
	VDIVPD Y9, Y4, Y4
	VSQRTPD Y0, Y0
	VSQRTPD Y1, Y1
	VSQRTPD Y2, Y2
	VSQRTPD Y3, Y3
	VSQRTPD Y4, Y4
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD 160(SI), Y0
	VMOVUPD 160(DX), Y5
	VMOVUPD 192(SI), Y1
	VMOVUPD 192(DX), Y6
	VMOVUPD 224(SI), Y2
	VMOVUPD 224(DX), Y7
	VMOVUPD 256(SI), Y3
	VMOVUPD 256(DX), Y8
	VMOVUPD 288(SI), Y4
	VMOVUPD 288(DX), Y9
	VDIVPD Y5, Y0, Y0
	VDIVPD Y6, Y1, Y1
	VDIVPD Y7, Y2, Y2
	VDIVPD Y8, Y3, Y3
	VDIVPD Y9, Y4, Y4
	VSQRTPD Y0, Y0
	VSQRTPD Y1, Y1
	VSQRTPD Y2, Y2
	VSQRTPD Y3, Y3
	VSQRTPD Y4, Y4
	VMOVUPD Y0, 160(DI)
	VMOVUPD Y1, 192(DI)
	VMOVUPD Y2, 224(DI)
	VMOVUPD Y3, 256(DI)
	VMOVUPD Y4, 288(DI)
	VZEROUPPER
	RET

// func cpuHasAVX() bool
// Whether the CPU has AVX and the OS saves the YMM registers (CPUID.1:ECX
// OSXSAVE and AVX; XCR0 bits 1 and 2).
TEXT ·cpuHasAVX(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	ANDL $0x18000000, CX
	CMPL CX, $0x18000000
	JNE noavx
	XORL CX, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE noavx
	MOVB $1, ret+0(FP)
	RET
noavx:
	MOVB $0, ret+0(FP)
	RET

// func divSliceAVX(dst, a, b *float64, n int)
// dst[i] = a[i] / b[i] for i < n, n a multiple of 4, four lanes at a time.
TEXT ·divSliceAVX(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX
	SHRQ $2, CX
	JZ divdone
divloop:
	VMOVUPD (SI), Y0
	VMOVUPD (DX), Y1
	VDIVPD Y1, Y0, Y0
	VMOVUPD Y0, (DI)
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, DI
	DECQ CX
	JNZ divloop
divdone:
	VZEROUPPER
	RET

// func sqrtSliceAVX(dst, a *float64, n int)
// dst[i] = √a[i] for i < n, n a multiple of 4, four lanes at a time.
TEXT ·sqrtSliceAVX(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $2, CX
	JZ sqrtdone
sqrtloop:
	VMOVUPD (SI), Y0
	VSQRTPD Y0, Y0
	VMOVUPD Y0, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ CX
	JNZ sqrtloop
sqrtdone:
	VZEROUPPER
	RET

// Constants for the row kernels, broadcast to all lanes.
DATA rowOne<>+0(SB)/8, $0x3ff0000000000000   // 1
GLOBL rowOne<>(SB), RODATA|NOPTR, $8
DATA rowTwo<>+0(SB)/8, $0x4000000000000000   // 2
GLOBL rowTwo<>(SB), RODATA|NOPTR, $8
DATA rowThree<>+0(SB)/8, $0x4008000000000000 // 3
GLOBL rowThree<>(SB), RODATA|NOPTR, $8
DATA rowFour<>+0(SB)/8, $0x4010000000000000  // 4
GLOBL rowFour<>(SB), RODATA|NOPTR, $8
DATA rowNine<>+0(SB)/8, $0x4022000000000000  // 9
GLOBL rowNine<>(SB), RODATA|NOPTR, $8
DATA rowNaN<>+0(SB)/8, $0x7ff8000000000001   // math.NaN()
GLOBL rowNaN<>(SB), RODATA|NOPTR, $8

// func byarsRows2AVX(x, n, value, f, lo0, up0, lo1, up1 *float64, k int, m, z0, z1 float64)
// For rows i < k (k a multiple of 4), four at a time, with no FMA and in
// the order of rateRows: value = x/n·m; f = m/n; for z = z0 (into lo0,
// up0) and z1 (lo1, up1): lower = x·u·u·u (NaN when negative)·f with
// u = (1 − 1/(9x)) − z/(3√x), upper = x'·u'·u'·u'·f with x' = x + 1,
// u' = (1 − 1/(9x')) + z/(3√x').
TEXT ·byarsRows2AVX(SB), NOSPLIT, $0-96
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), DX
	MOVQ value+16(FP), DI
	MOVQ f+24(FP), R8
	MOVQ lo0+32(FP), R9
	MOVQ up0+40(FP), R10
	MOVQ lo1+48(FP), R11
	MOVQ up1+56(FP), R12
	MOVQ k+64(FP), CX
	VBROADCASTSD m+72(FP), Y13
	VBROADCASTSD z0+80(FP), Y14
	VBROADCASTSD z1+88(FP), Y15
	VBROADCASTSD rowOne<>(SB), Y10
	VBROADCASTSD rowNaN<>(SB), Y9
	VXORPD Y8, Y8, Y8
	SHRQ $2, CX
	JZ byarsdone
byarsloop:
	VMOVUPD (SI), Y0          // x
	VMOVUPD (DX), Y1          // n
	VDIVPD Y1, Y0, Y2         // x/n
	VMULPD Y13, Y2, Y2        // ·m
	VMOVUPD Y2, (DI)
	VDIVPD Y1, Y13, Y7        // f = m/n
	VMOVUPD Y7, (R8)
	VBROADCASTSD rowNine<>(SB), Y11
	VBROADCASTSD rowThree<>(SB), Y12
	VMULPD Y0, Y11, Y2        // 9x
	VDIVPD Y2, Y10, Y2        // 1/(9x)
	VSUBPD Y2, Y10, Y2        // 1 − 1/(9x)
	VSQRTPD Y0, Y3
	VMULPD Y3, Y12, Y3        // 3√x
	VADDPD Y10, Y0, Y4        // x' = x + 1
	VMULPD Y4, Y11, Y5        // 9x'
	VDIVPD Y5, Y10, Y5        // 1/(9x')
	VSUBPD Y5, Y10, Y5        // 1 − 1/(9x')
	VSQRTPD Y4, Y6
	VMULPD Y6, Y12, Y6        // 3√x'
	// level 0
	VDIVPD Y3, Y14, Y1        // z/(3√x)
	VSUBPD Y1, Y2, Y1         // u
	VMULPD Y1, Y0, Y11        // x·u
	VMULPD Y1, Y11, Y11
	VMULPD Y1, Y11, Y11
	VCMPPD $1, Y8, Y11, Y12   // < 0
	VBLENDVPD Y12, Y9, Y11, Y11
	VMULPD Y7, Y11, Y11       // ·f
	VMOVUPD Y11, (R9)
	VDIVPD Y6, Y14, Y1        // z/(3√x')
	VADDPD Y1, Y5, Y1         // u'
	VMULPD Y1, Y4, Y11        // x'·u'
	VMULPD Y1, Y11, Y11
	VMULPD Y1, Y11, Y11
	VMULPD Y7, Y11, Y11       // ·f
	VMOVUPD Y11, (R10)
	// level 1
	VDIVPD Y3, Y15, Y1
	VSUBPD Y1, Y2, Y1
	VMULPD Y1, Y0, Y11
	VMULPD Y1, Y11, Y11
	VMULPD Y1, Y11, Y11
	VCMPPD $1, Y8, Y11, Y12
	VBLENDVPD Y12, Y9, Y11, Y11
	VMULPD Y7, Y11, Y11
	VMOVUPD Y11, (R11)
	VDIVPD Y6, Y15, Y1
	VADDPD Y1, Y5, Y1
	VMULPD Y1, Y4, Y11
	VMULPD Y1, Y11, Y11
	VMULPD Y1, Y11, Y11
	VMULPD Y7, Y11, Y11
	VMOVUPD Y11, (R12)
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, DI
	ADDQ $32, R8
	ADDQ $32, R9
	ADDQ $32, R10
	ADDQ $32, R11
	ADDQ $32, R12
	DECQ CX
	JNZ byarsloop
byarsdone:
	VZEROUPPER
	RET

// func wilsonRows2AVX(x, n, value, lo0, up0, lo1, up1 *float64, k int, m, z0, z20, z1, z21 float64)
// For rows i < k (k a multiple of 4), four at a time, with no FMA and in
// the order of wilsonAt: r = x/n; value = r·m; for (z, z²) = (z0, z20)
// (into lo0, up0) and (z1, z21) (lo1, up1): root = z·√(z² + 4x·(1 − r)),
// lower = ((2x + z²) − root)/(2(n + z²))·m, upper = ((2x + z²) + root)/(2(n + z²))·m.
TEXT ·wilsonRows2AVX(SB), NOSPLIT, $0-104
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), DX
	MOVQ value+16(FP), DI
	MOVQ lo0+24(FP), R9
	MOVQ up0+32(FP), R10
	MOVQ lo1+40(FP), R11
	MOVQ up1+48(FP), R12
	MOVQ k+56(FP), CX
	VBROADCASTSD m+64(FP), Y13
	VBROADCASTSD z0+72(FP), Y14
	VBROADCASTSD z20+80(FP), Y12
	VBROADCASTSD z1+88(FP), Y15
	VBROADCASTSD z21+96(FP), Y11
	VBROADCASTSD rowOne<>(SB), Y10
	VBROADCASTSD rowTwo<>(SB), Y9
	VBROADCASTSD rowFour<>(SB), Y8
	SHRQ $2, CX
	JZ wilsondone
wilsonloop:
	VMOVUPD (SI), Y0          // x
	VMOVUPD (DX), Y1          // n
	VDIVPD Y1, Y0, Y2         // r = x/n
	VMULPD Y13, Y2, Y3        // value = r·m
	VMOVUPD Y3, (DI)
	VMULPD Y0, Y8, Y3         // 4x
	VSUBPD Y2, Y10, Y2        // 1 − r
	VMULPD Y2, Y3, Y2         // 4x·(1 − r)
	VMULPD Y0, Y9, Y0         // 2x
	// level 0
	VADDPD Y2, Y12, Y3        // z² + 4x(1 − r)
	VSQRTPD Y3, Y3
	VMULPD Y3, Y14, Y3        // root = z·√…
	VADDPD Y12, Y0, Y4        // 2x + z²
	VADDPD Y12, Y1, Y5        // n + z²
	VMULPD Y5, Y9, Y5         // den = 2(n + z²)
	VSUBPD Y3, Y4, Y6
	VDIVPD Y5, Y6, Y6
	VMULPD Y13, Y6, Y6
	VMOVUPD Y6, (R9)
	VADDPD Y3, Y4, Y6
	VDIVPD Y5, Y6, Y6
	VMULPD Y13, Y6, Y6
	VMOVUPD Y6, (R10)
	// level 1
	VADDPD Y2, Y11, Y3
	VSQRTPD Y3, Y3
	VMULPD Y3, Y15, Y3
	VADDPD Y11, Y0, Y4
	VADDPD Y11, Y1, Y5
	VMULPD Y5, Y9, Y5
	VSUBPD Y3, Y4, Y6
	VDIVPD Y5, Y6, Y6
	VMULPD Y13, Y6, Y6
	VMOVUPD Y6, (R11)
	VADDPD Y3, Y4, Y6
	VDIVPD Y5, Y6, Y6
	VMULPD Y13, Y6, Y6
	VMOVUPD Y6, (R12)
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, DI
	ADDQ $32, R9
	ADDQ $32, R10
	ADDQ $32, R11
	ADDQ $32, R12
	DECQ CX
	JNZ wilsonloop
wilsondone:
	VZEROUPPER
	RET

// Life-table constants per band (METHODS.md §2.9): 20 values each of n,
// a, 1 − a and (1 − a)·n, one after the other (band 19 unused).
DATA leTab<>+0(SB)/8, $0x3ff0000000000000
DATA leTab<>+8(SB)/8, $0x4010000000000000
DATA leTab<>+16(SB)/8, $0x4014000000000000
DATA leTab<>+24(SB)/8, $0x4014000000000000
DATA leTab<>+32(SB)/8, $0x4014000000000000
DATA leTab<>+40(SB)/8, $0x4014000000000000
DATA leTab<>+48(SB)/8, $0x4014000000000000
DATA leTab<>+56(SB)/8, $0x4014000000000000
DATA leTab<>+64(SB)/8, $0x4014000000000000
DATA leTab<>+72(SB)/8, $0x4014000000000000
DATA leTab<>+80(SB)/8, $0x4014000000000000
DATA leTab<>+88(SB)/8, $0x4014000000000000
DATA leTab<>+96(SB)/8, $0x4014000000000000
DATA leTab<>+104(SB)/8, $0x4014000000000000
DATA leTab<>+112(SB)/8, $0x4014000000000000
DATA leTab<>+120(SB)/8, $0x4014000000000000
DATA leTab<>+128(SB)/8, $0x4014000000000000
DATA leTab<>+136(SB)/8, $0x4014000000000000
DATA leTab<>+144(SB)/8, $0x4014000000000000
DATA leTab<>+152(SB)/8, $0x0000000000000000
DATA leTab<>+160(SB)/8, $0x3fb999999999999a
DATA leTab<>+168(SB)/8, $0x3fe0000000000000
DATA leTab<>+176(SB)/8, $0x3fe0000000000000
DATA leTab<>+184(SB)/8, $0x3fe0000000000000
DATA leTab<>+192(SB)/8, $0x3fe0000000000000
DATA leTab<>+200(SB)/8, $0x3fe0000000000000
DATA leTab<>+208(SB)/8, $0x3fe0000000000000
DATA leTab<>+216(SB)/8, $0x3fe0000000000000
DATA leTab<>+224(SB)/8, $0x3fe0000000000000
DATA leTab<>+232(SB)/8, $0x3fe0000000000000
DATA leTab<>+240(SB)/8, $0x3fe0000000000000
DATA leTab<>+248(SB)/8, $0x3fe0000000000000
DATA leTab<>+256(SB)/8, $0x3fe0000000000000
DATA leTab<>+264(SB)/8, $0x3fe0000000000000
DATA leTab<>+272(SB)/8, $0x3fe0000000000000
DATA leTab<>+280(SB)/8, $0x3fe0000000000000
DATA leTab<>+288(SB)/8, $0x3fe0000000000000
DATA leTab<>+296(SB)/8, $0x3fe0000000000000
DATA leTab<>+304(SB)/8, $0x3fe0000000000000
DATA leTab<>+312(SB)/8, $0x0000000000000000
DATA leTab<>+320(SB)/8, $0x3feccccccccccccd
DATA leTab<>+328(SB)/8, $0x3fe0000000000000
DATA leTab<>+336(SB)/8, $0x3fe0000000000000
DATA leTab<>+344(SB)/8, $0x3fe0000000000000
DATA leTab<>+352(SB)/8, $0x3fe0000000000000
DATA leTab<>+360(SB)/8, $0x3fe0000000000000
DATA leTab<>+368(SB)/8, $0x3fe0000000000000
DATA leTab<>+376(SB)/8, $0x3fe0000000000000
DATA leTab<>+384(SB)/8, $0x3fe0000000000000
DATA leTab<>+392(SB)/8, $0x3fe0000000000000
DATA leTab<>+400(SB)/8, $0x3fe0000000000000
DATA leTab<>+408(SB)/8, $0x3fe0000000000000
DATA leTab<>+416(SB)/8, $0x3fe0000000000000
DATA leTab<>+424(SB)/8, $0x3fe0000000000000
DATA leTab<>+432(SB)/8, $0x3fe0000000000000
DATA leTab<>+440(SB)/8, $0x3fe0000000000000
DATA leTab<>+448(SB)/8, $0x3fe0000000000000
DATA leTab<>+456(SB)/8, $0x3fe0000000000000
DATA leTab<>+464(SB)/8, $0x3fe0000000000000
DATA leTab<>+472(SB)/8, $0x0000000000000000
DATA leTab<>+480(SB)/8, $0x3feccccccccccccd
DATA leTab<>+488(SB)/8, $0x4000000000000000
DATA leTab<>+496(SB)/8, $0x4004000000000000
DATA leTab<>+504(SB)/8, $0x4004000000000000
DATA leTab<>+512(SB)/8, $0x4004000000000000
DATA leTab<>+520(SB)/8, $0x4004000000000000
DATA leTab<>+528(SB)/8, $0x4004000000000000
DATA leTab<>+536(SB)/8, $0x4004000000000000
DATA leTab<>+544(SB)/8, $0x4004000000000000
DATA leTab<>+552(SB)/8, $0x4004000000000000
DATA leTab<>+560(SB)/8, $0x4004000000000000
DATA leTab<>+568(SB)/8, $0x4004000000000000
DATA leTab<>+576(SB)/8, $0x4004000000000000
DATA leTab<>+584(SB)/8, $0x4004000000000000
DATA leTab<>+592(SB)/8, $0x4004000000000000
DATA leTab<>+600(SB)/8, $0x4004000000000000
DATA leTab<>+608(SB)/8, $0x4004000000000000
DATA leTab<>+616(SB)/8, $0x4004000000000000
DATA leTab<>+624(SB)/8, $0x4004000000000000
DATA leTab<>+632(SB)/8, $0x0000000000000000
GLOBL leTab<>(SB), RODATA|NOPTR, $640
DATA leHalf<>+0(SB)/8, $0x3fe0000000000000
GLOBL leHalf<>(SB), RODATA|NOPTR, $8
DATA leRadix<>+0(SB)/8, $0x40f86a0000000000   // l₁ = 100,000
GLOBL leRadix<>(SB), RODATA|NOPTR, $8

// func lifeTable4AVX(p, d, e, se, pops, deaths, scratch *float64)
// The life table of lifeTable for four groups at once, one group per lane:
// p, d and the outputs are [20][4] (band-major); scratch holds q and l
// ([20][4] each). The operations are those of lifeTable, in the same order
// and without FMA, with the branches as masks: q = 1 unless D ≤ P/n/a;
// e = 0 unless l > 0; s = 0 unless lᵢ − lᵢ₊₁ ≠ 0 and D > 0.
TEXT ·lifeTable4AVX(SB), NOSPLIT, $0-56
	MOVQ p+0(FP), SI
	MOVQ d+8(FP), DX
	MOVQ e+16(FP), DI
	MOVQ se+24(FP), R8
	MOVQ pops+32(FP), R9
	MOVQ deaths+40(FP), R10
	MOVQ scratch+48(FP), R11
	LEAQ leTab<>(SB), R13
	VBROADCASTSD rowOne<>(SB), Y15
	VXORPD Y14, Y14, Y14
	VBROADCASTSD leRadix<>(SB), Y13   // l
	XORQ BX, BX                       // band offset in the [20][4] arrays
	XORQ R12, R12                     // band offset in leTab
lefwd:
	VMOVUPD (SI)(BX*1), Y0            // P
	VMOVUPD (DX)(BX*1), Y1            // D
	VDIVPD Y0, Y1, Y2                 // M = D/P
	VBROADCASTSD (R13)(R12*1), Y3     // n
	VBROADCASTSD 160(R13)(R12*1), Y4  // a
	VBROADCASTSD 320(R13)(R12*1), Y5  // 1 − a
	VMULPD Y2, Y3, Y6                 // nM
	VMULPD Y5, Y6, Y7                 // nM(1 − a)
	VADDPD Y7, Y15, Y7                // 1 + nM(1 − a)
	VDIVPD Y7, Y6, Y7                 // q
	VDIVPD Y3, Y0, Y8                 // P/n
	VDIVPD Y4, Y8, Y8                 // P/n/a
	VCMPPD $2, Y8, Y1, Y9             // D ≤ P/n/a
	VBLENDVPD Y9, Y7, Y15, Y7         // q, else 1
	VMOVUPD Y7, (R11)(BX*1)
	VMOVUPD Y13, 640(R11)(BX*1)       // lᵢ
	VSUBPD Y7, Y15, Y7                // 1 − q
	VMULPD Y7, Y13, Y13               // lᵢ₊₁ = lᵢ(1 − q)
	ADDQ $32, BX
	ADDQ $8, R12
	CMPQ BX, $608
	JNE lefwd
	// Open band: M, T = L = l/M, e, W = l/2·l/2·4/(D·M·M), se.
	VMOVUPD Y13, 640(R11)(BX*1)
	VMOVUPD (SI)(BX*1), Y0
	VMOVUPD (DX)(BX*1), Y1
	VDIVPD Y0, Y1, Y2                 // M
	VDIVPD Y2, Y13, Y10               // T
	VDIVPD Y13, Y10, Y3               // T/l
	VCMPPD $1, Y13, Y14, Y4           // 0 < l
	VANDPD Y4, Y3, Y11                // e
	VMOVUPD Y11, (DI)(BX*1)
	VMULPD Y2, Y1, Y5                 // D·M
	VMULPD Y2, Y5, Y5                 // ·M
	VBROADCASTSD rowFour<>(SB), Y6
	VDIVPD Y5, Y6, Y5                 // 4/(D·M·M)
	VBROADCASTSD leHalf<>(SB), Y6
	VMULPD Y6, Y13, Y7                // l/2
	VMULPD Y13, Y7, Y7                // ·l
	VMULPD Y6, Y7, Y7                 // /2
	VMULPD Y5, Y7, Y12                // ΣW
	VMULPD Y13, Y13, Y3
	VDIVPD Y3, Y12, Y3
	VSQRTPD Y3, Y3                    // se
	VMOVUPD Y3, (R8)(BX*1)
	VADDPD Y0, Y14, Y8                // pops
	VADDPD Y1, Y14, Y9                // deaths
	VMOVUPD Y8, (R9)(BX*1)
	VMOVUPD Y9, (R10)(BX*1)
	// Closed bands from the oldest down: Y13 = lᵢ₊₁, Y11 = eᵢ₊₁.
	MOVQ $576, BX
	MOVQ $144, R12
lebwd:
	VMOVUPD 640(R11)(BX*1), Y0        // lᵢ
	VMOVUPD (R11)(BX*1), Y1           // q
	VMOVUPD (DX)(BX*1), Y2            // D
	VBROADCASTSD (R13)(R12*1), Y3     // n
	VBROADCASTSD 160(R13)(R12*1), Y4  // a
	VSUBPD Y13, Y0, Y5                // dᵢ = lᵢ − lᵢ₊₁
	VMULPD Y5, Y4, Y6                 // a·dᵢ
	VADDPD Y6, Y13, Y6                // lᵢ₊₁ + a·dᵢ
	VMULPD Y6, Y3, Y6                 // L = n(…)
	VADDPD Y6, Y10, Y10               // T += L
	VMULPD Y1, Y1, Y6                 // q·q
	VSUBPD Y1, Y15, Y7                // 1 − q
	VMULPD Y7, Y6, Y6                 // q²(1 − q)
	VDIVPD Y2, Y6, Y6                 // s = …/D
	VCMPPD $4, Y14, Y5, Y7            // dᵢ ≠ 0
	VCMPPD $1, Y2, Y14, Y1            // 0 < D
	VANDPD Y1, Y7, Y7
	VANDPD Y7, Y6, Y6                 // s, else 0
	VBROADCASTSD 480(R13)(R12*1), Y3  // (1 − a)n
	VADDPD Y11, Y3, Y3                // f = (1 − a)n + eᵢ₊₁
	VMULPD Y0, Y6, Y6                 // s·l
	VMULPD Y0, Y6, Y6                 // ·l
	VMULPD Y3, Y6, Y6                 // ·f
	VMULPD Y3, Y6, Y6                 // ·f
	VADDPD Y6, Y12, Y12               // ΣW += W
	VDIVPD Y0, Y10, Y5                // T/l
	VCMPPD $1, Y0, Y14, Y6            // 0 < l
	VANDPD Y6, Y5, Y11                // e
	VMOVUPD Y11, (DI)(BX*1)
	VMULPD Y0, Y0, Y5
	VDIVPD Y5, Y12, Y5
	VSQRTPD Y5, Y5                    // se
	VMOVUPD Y5, (R8)(BX*1)
	VMOVUPD (SI)(BX*1), Y6
	VADDPD Y6, Y8, Y8                 // pops += P
	VADDPD Y2, Y9, Y9                 // deaths += D
	VMOVUPD Y8, (R9)(BX*1)
	VMOVUPD Y9, (R10)(BX*1)
	VMOVUPD Y0, Y13
	SUBQ $8, R12
	SUBQ $32, BX
	JGE lebwd
	VZEROUPPER
	RET
